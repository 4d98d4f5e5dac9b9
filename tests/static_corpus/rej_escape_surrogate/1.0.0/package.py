name = 'rej_escape_surrogate'
version = '1.0.0'
description = '\ud800'
timestamp = 1600129484
