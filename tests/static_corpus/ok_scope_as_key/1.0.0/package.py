name = 'ok_scope_as_key'
version = '1.0.0'
requires = ['a-1']

with scope('config') as requires:
    requires.x = 1
timestamp = 1600129484
