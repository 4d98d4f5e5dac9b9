name = 'ok_scope_two_blocks'
version = '1.0.0'
with scope('config') as config:
    config.a = 1

requires = ['a-1']

with scope('config') as config:
    config.b.c = 2
    config.a = 3
timestamp = 1600129484
