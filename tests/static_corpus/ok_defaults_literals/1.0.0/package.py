name = 'ok_defaults_literals'
version = '1.0.0'
timestamp = 1600129484
def commands(x=[1], *, y=(), **k):
    pass
