name = 'ok_scope_other_name'
version = '1.0.0'
with scope('foo') as foo:
    foo.x = [1]
timestamp = 1600129484
