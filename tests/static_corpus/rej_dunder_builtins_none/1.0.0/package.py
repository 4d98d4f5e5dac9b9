name = 'rej_dunder_builtins_none'
version = '1.0.0'
__builtins__ = None
requires = ['a-1']

def commands():
    env.X = 1

with scope('config') as c:
    c.x = 1
timestamp = 1600129484
