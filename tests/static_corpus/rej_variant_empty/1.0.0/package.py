name = 'rej_variant_empty'
version = '1.0.0'
variants = [[]]
timestamp = 1600129484
