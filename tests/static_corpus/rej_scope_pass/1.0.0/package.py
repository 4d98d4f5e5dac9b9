name = 'rej_scope_pass'
version = '1.0.0'
with scope('config') as config:
    pass
timestamp = 1600129484
