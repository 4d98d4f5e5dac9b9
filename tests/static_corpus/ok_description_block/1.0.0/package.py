name = 'ok_description_block'
version = '1.0.0'
description = \
    """
    A long description,
    over two lines.
    """

requires = ['a-1']
timestamp = 1600129484
