name = 'rej_escape_fffd'
version = '1.0.0'
description = '\ufffd'
timestamp = 1600129484
