name = 'ok_int_octal'
version = '1.0.0'
timestamp = 0o13727117214
