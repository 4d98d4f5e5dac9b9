name = 'ok_trailing_commas_all'
version = '1.0.0'
variants = [['a-1',],]
data = (1, 2,)
revision = {'a': 1,}
timestamp = 1600129484
