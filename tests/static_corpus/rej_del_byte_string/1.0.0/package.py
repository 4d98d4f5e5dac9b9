name = 'rej_del_byte_string'
version = '1.0.0'
description = 'ab'
timestamp = 1600129484
