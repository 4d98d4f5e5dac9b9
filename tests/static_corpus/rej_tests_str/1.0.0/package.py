name = 'rej_tests_str'
version = '1.0.0'
tests = 'pytest'
timestamp = 1600129484
