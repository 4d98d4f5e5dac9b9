name = 'ok_int_hex'
version = '1.0.0'
timestamp = 0x5F5E9E8C
