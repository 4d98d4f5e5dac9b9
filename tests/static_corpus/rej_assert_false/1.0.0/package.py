name = 'rej_assert_false'
version = '1.0.0'
assert False
timestamp = 1600129484
