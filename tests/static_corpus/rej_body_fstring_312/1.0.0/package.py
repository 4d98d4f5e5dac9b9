name = 'rej_body_fstring_312'
version = '1.0.0'
def commands():
    x = f'{'a'}'
timestamp = 1600129484
