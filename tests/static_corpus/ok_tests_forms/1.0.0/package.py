name = 'ok_tests_forms'
version = '1.0.0'
tests = {
    'a': 'pytest',
    'b': ['pytest', '-x'],
    'c': {'command': 'x', 'requires': ['pytest-7+'], 'run_on': ['default', 'pre_release'], 'on_variants': True},
    'd': {'command': ['x'], 'run_on': 'explicit'},
}
timestamp = 1600129484
