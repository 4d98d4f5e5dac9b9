name = 'ok_crlf_block_string'
version = '1.0.0'
description = \
    """
    line one
    line two
    """
requires = ['a-1']
timestamp = 1600129484

def commands():
    env.X = 1
