name = 'rej_fullwidth_requires'
version = '1.0.0'
requires = ['a-1']
ｒｅｑｕｉｒｅｓ = ['evil-1']
timestamp = 1600129484
