name = 'ok_variant_weak'
version = '1.0.0'
variants = [['~a-1'], ['!b']]
timestamp = 1600129484
