name = 'rej_scope_requires'
version = '1.0.0'
requires = ['a-1']
with scope('requires') as r:
    r.x = 'b-1'
timestamp = 1600129484
