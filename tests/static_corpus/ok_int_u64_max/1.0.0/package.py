name = 'ok_int_u64_max'
version = '1.0.0'
timestamp = 18446744073709551615
