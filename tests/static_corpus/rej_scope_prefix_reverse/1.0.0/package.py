name = 'rej_scope_prefix_reverse'
version = '1.0.0'
with scope('foo') as c:
    c.a.b = 1
    c.a = 2
timestamp = 1600129484
