name = 'rej_scope_two_items'
version = '1.0.0'
with scope('config') as c, scope('foo') as d:
    c.x = 1
timestamp = 1600129484
