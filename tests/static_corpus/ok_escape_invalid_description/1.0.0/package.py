name = 'ok_escape_invalid_description'
version = '1.0.0'
description = 'a\d\w\%'
timestamp = 1600129484
