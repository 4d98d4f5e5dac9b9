name = 'rej_fstring_description'
version = '1.0.0'
description = f'{1}'
timestamp = 1600129484
