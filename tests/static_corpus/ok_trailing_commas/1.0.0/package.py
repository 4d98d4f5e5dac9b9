name = 'ok_trailing_commas'
version = '1.0.0'
variants = [['a-1', 'b',], ['c',],]
timestamp = 1600129484
