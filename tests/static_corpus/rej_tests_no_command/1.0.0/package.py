name = 'rej_tests_no_command'
version = '1.0.0'
tests = {'a': {'requires': ['x']}}
timestamp = 1600129484
