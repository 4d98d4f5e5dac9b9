name = 'rej_variants_mixed'
version = '1.0.0'
variants = [['a-1'], ('b-1',)]
timestamp = 1600129484
