name = 'ok_floats'
version = '1.0.0'
data = [1.5, .5, 5., 1e3, 1E-3, 1_0.5, 007.5, 1e400, 0e0, 0.1]
timestamp = 1600129484
