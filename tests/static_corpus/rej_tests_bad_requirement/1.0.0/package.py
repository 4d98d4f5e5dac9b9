name = 'rej_tests_bad_requirement'
version = '1.0.0'
tests = {'a': {'command': 'x', 'requires': ['a==']}}
timestamp = 1600129484
