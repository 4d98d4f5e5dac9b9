name = 'ok_empty_description'
version = '1.0.0'
description = ''
uuid = ""
timestamp = 1600129484
