name = 'rej_assert'
version = '1.0.0'
assert True
timestamp = 1600129484
