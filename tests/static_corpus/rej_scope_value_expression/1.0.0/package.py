name = 'rej_scope_value_expression'
version = '1.0.0'
with scope('foo') as c:
    c.a = c
timestamp = 1600129484
