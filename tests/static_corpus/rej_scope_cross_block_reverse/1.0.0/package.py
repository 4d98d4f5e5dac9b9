name = 'rej_scope_cross_block_reverse'
version = '1.0.0'
requires = ['a-1']
with scope('config') as c:
    c.a.b = 1

with scope('config') as c:
    c.a = 2
timestamp = 1600129484
