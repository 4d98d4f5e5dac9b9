name = 'rej_scope_other_var'
version = '1.0.0'
with scope('config') as c:
    d.x = 1
timestamp = 1600129484
