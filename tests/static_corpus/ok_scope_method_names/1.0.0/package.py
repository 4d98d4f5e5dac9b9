name = 'ok_scope_method_names'
version = '1.0.0'
with scope('foo') as c:
    c.items = 1
    c.name = 'x'
    c.keys = []
timestamp = 1600129484
