name = 'rej_scope_prefix_conflict'
version = '1.0.0'
with scope('config') as c:
    c.a = 1
    c.a.b = 2
timestamp = 1600129484
