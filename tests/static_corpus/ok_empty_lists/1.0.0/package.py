name = 'ok_empty_lists'
version = '1.0.0'
requires = []
variants = []
timestamp = 1600129484
