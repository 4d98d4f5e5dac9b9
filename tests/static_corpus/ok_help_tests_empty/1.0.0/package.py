name = 'ok_help_tests_empty'
version = '1.0.0'
help = [[]]
tests = {'a': [], 'b': {'command': []}}
timestamp = 1600129484
