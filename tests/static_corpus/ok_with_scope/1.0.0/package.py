name = 'ok_with_scope'
version = '1.0.0'
requires = ['a-1']
timestamp = 1600129484

with scope('config') as c:
    c.release_packages_path = 'released'
