name = 'ok_dotted.name'
version = '1.0.0'
requires = ['x.y-1']
timestamp = 1600129484
