name = 'ok_scope_over_dict'
version = '1.0.0'
config = {'a': 1}

with scope('config') as c:
    c.b = 2
timestamp = 1600129484
