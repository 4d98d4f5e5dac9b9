name = 'rej_escape_char_in_string'
version = '1.0.0'
description = '[1m'
timestamp = 1600129484
