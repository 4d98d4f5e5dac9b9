name = 'ok_literal_statements'
version = '1.0.0'
1
[1, 'a']
{'a': (1,)}
'mid-file string'
requires = ['a-1']
timestamp = 1600129484
