name = 'rej_body_fstring_conversion_space'
version = '1.0.0'
def commands():
    x = f'{a!s }'
timestamp = 1600129484
