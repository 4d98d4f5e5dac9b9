name = 'rej_augmented_list'
version = '1.0.0'
requires = ['a-1']
requires += ['b-1']
timestamp = 1600129484
