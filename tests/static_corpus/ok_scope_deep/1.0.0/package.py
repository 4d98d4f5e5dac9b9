name = 'ok_scope_deep'
version = '1.0.0'
with scope('config') as config:
    config.a.b.c.d = 1
timestamp = 1600129484
