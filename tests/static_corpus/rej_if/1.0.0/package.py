name = 'rej_if'
version = '1.0.0'
timestamp = 1600129484
if True:
    requires = ['a-1']
else:
    requires = ['b']
