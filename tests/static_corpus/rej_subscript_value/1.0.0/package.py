name = 'rej_subscript_value'
version = '1.0.0'
requires = ['a-1'][0:1]
timestamp = 1600129484
