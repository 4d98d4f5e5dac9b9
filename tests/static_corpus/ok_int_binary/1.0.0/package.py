name = 'ok_int_binary'
version = '1.0.0'
timestamp = 0b1011111010111100100110100111100
