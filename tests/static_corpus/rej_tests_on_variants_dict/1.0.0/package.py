name = 'rej_tests_on_variants_dict'
version = '1.0.0'
tests = {'a': {'command': 'x', 'on_variants': {'type': 'requires', 'value': ['a-1']}}}
timestamp = 1600129484
