name = 'ok_pass_semicolons'
version = '1.0.0'
pass; requires = ['a-1'];
timestamp = 1600129484
