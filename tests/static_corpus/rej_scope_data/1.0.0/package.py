name = 'rej_scope_data'
version = '1.0.0'
with scope('config') as config:
    config.data.x = 1
timestamp = 1600129484
