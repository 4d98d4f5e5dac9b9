name = 'rej_scope_nested'
version = '1.0.0'
with scope('config') as c:
    with scope('plugins') as p:
        p.x = 1
timestamp = 1600129484
