name = 'ok_hash_in_string'
version = '1.0.0'
description = '# not a comment ['
requires = ['a-1']  # ']
timestamp = 1600129484
