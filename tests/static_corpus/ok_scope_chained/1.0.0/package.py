name = 'ok_scope_chained'
version = '1.0.0'
with scope('foo') as c:
    c.a = c.b = 1
timestamp = 1600129484
