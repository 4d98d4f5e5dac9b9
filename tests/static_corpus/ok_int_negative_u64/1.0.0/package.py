name = 'ok_int_negative_u64'
version = '1.0.0'
data = -18446744073709551615
timestamp = 1600129484
