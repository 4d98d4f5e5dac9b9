name = 'rej_variant_bad_req'
version = '1.0.0'
variants = [['a-1'], ['b==']]
timestamp = 1600129484
