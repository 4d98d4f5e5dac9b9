name = 'ok_raw_continuation_description'
version = '1.0.0'
description = r'''a\
b'''
timestamp = 1600129484
