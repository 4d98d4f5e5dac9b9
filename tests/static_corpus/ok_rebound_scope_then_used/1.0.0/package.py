name = 'ok_rebound_scope_then_used'
version = '1.0.0'
timestamp = 1600129484
scope = globals()['scope']
requires = ['a-1']
with scope('config') as c:
    c.x = 1
