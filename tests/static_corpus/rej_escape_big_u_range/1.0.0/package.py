name = 'rej_escape_big_u_range'
version = '1.0.0'
description = '\U00110000'
timestamp = 1600129484
