name = 'rej_utf8_surrogate_bytes'
version = '1.0.0'
timestamp = 1600129484
description = 'í €'
