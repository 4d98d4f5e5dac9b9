name = 'rej_scope_dunder_attr'
version = '1.0.0'
with scope('config') as c:
    c.__x = 1
timestamp = 1600129484
