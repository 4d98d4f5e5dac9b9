name = 'rej_scope_method_parent'
version = '1.0.0'
with scope('foo') as c:
    c.name.x = 1
timestamp = 1600129484
