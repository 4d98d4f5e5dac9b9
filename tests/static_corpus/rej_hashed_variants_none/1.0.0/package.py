name = 'rej_hashed_variants_none'
version = '1.0.0'
hashed_variants = None
timestamp = 1600129484
