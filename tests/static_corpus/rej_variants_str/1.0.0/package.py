name = 'rej_variants_str'
version = '1.0.0'
variants = 'a'
timestamp = 1600129484
