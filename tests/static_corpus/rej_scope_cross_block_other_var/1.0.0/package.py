name = 'rej_scope_cross_block_other_var'
version = '1.0.0'
requires = ['a-1']
with scope('foo') as c:
    c.a = 'x'

with scope('foo') as d:
    d.a.b = 1
timestamp = 1600129484
