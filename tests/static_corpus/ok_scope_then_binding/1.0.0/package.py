name = 'ok_scope_then_binding'
version = '1.0.0'
with scope('config') as c:
    c.x = 1

config = 'x'
timestamp = 1600129484
