name = 'rej_escape_bad_hex'
version = '1.0.0'
description = '\xZZ'
timestamp = 1600129484
