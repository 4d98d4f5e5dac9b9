name = 'rej_tests_int_command'
version = '1.0.0'
tests = {'a': 1}
timestamp = 1600129484
