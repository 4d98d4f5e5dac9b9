name = 'rej_escape_short_u'
version = '1.0.0'
description = '\u12'
timestamp = 1600129484
