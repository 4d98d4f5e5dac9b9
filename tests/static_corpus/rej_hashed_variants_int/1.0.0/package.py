name = 'rej_hashed_variants_int'
version = '1.0.0'
hashed_variants = 1
timestamp = 1600129484
