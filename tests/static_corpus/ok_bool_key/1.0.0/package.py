name = 'ok_bool_key'
version = '1.0.0'
hashed_variants = True
timestamp = 1600129484
