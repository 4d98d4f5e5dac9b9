name = 'rej_scope_keyword'
version = '1.0.0'
with scope(name='config') as c:
    c.x = 1
timestamp = 1600129484
