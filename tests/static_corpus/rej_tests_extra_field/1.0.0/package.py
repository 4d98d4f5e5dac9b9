name = 'rej_tests_extra_field'
version = '1.0.0'
tests = {'a': {'command': 'x', 'extra': 1}}
timestamp = 1600129484
