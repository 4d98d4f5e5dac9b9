name = 'ok_variants_duplicate'
version = '1.0.0'
variants = [['a-1'], ['a-1']]
hashed_variants = True
timestamp = 1600129484
