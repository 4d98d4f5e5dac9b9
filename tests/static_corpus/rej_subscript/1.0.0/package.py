name = 'rej_subscript'
version = '1.0.0'
variants = [['a']]
variants[0] = ['b']
timestamp = 1600129484
