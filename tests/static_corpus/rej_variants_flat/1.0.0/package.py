name = 'rej_variants_flat'
version = '1.0.0'
variants = ['a', 'b']
timestamp = 1600129484
