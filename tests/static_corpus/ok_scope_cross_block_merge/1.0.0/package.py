name = 'ok_scope_cross_block_merge'
version = '1.0.0'
requires = ['a-1']
with scope('config') as c:
    c.a.x = 1

with scope('config') as c:
    c.a.y = 2
timestamp = 1600129484
