name = 'ok_raw_backslash_quote'
version = '1.0.0'
description = r'a\''
requires = [r'a-1']
timestamp = 1600129484
