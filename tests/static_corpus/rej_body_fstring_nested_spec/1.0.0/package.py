name = 'rej_body_fstring_nested_spec'
version = '1.0.0'
def commands():
    x = f'{a:{b:{c}}}'
timestamp = 1600129484
