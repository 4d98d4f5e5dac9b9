name = 'rej_escape_named_description'
version = '1.0.0'
description = '\N{BULLET}'
timestamp = 1600129484
