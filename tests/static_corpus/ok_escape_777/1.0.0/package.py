name = 'ok_escape_777'
version = '1.0.0'
description = '\777'
timestamp = 1600129484
