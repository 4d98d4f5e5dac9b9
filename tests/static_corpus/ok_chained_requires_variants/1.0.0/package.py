name = 'ok_chained_requires_variants'
version = '1.0.0'
requires = x = ['a-1']
y = variants = [['b-1']]
timestamp = 1600129484
