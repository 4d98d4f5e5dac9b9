name = 'rej_scope_injected_var'
version = '1.0.0'
with scope('config') as early:
    early.x = 1
timestamp = 1600129484
