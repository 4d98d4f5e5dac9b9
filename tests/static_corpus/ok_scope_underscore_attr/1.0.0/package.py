name = 'ok_scope_underscore_attr'
version = '1.0.0'
with scope('foo') as c:
    c._x = 1
timestamp = 1600129484
