name = 'rej_body_fstring_conversion'
version = '1.0.0'
timestamp = 1600129484
def commands():
    x = f'{x!r:>4}'
