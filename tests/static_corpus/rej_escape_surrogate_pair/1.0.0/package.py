name = 'rej_escape_surrogate_pair'
version = '1.0.0'
description = '\ud83d\ude00'
timestamp = 1600129484
