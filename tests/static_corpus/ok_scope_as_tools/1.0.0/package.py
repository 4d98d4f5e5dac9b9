name = 'ok_scope_as_tools'
version = '1.0.0'
with scope('config') as tools:
    tools.x = 1
timestamp = 1600129484
