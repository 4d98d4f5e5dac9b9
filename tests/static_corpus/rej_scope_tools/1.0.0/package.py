name = 'rej_scope_tools'
version = '1.0.0'
with scope('tools') as t:
    t.x = 1
timestamp = 1600129484
