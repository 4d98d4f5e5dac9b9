name = 'ok_scope_double_quotes'
version = '1.0.0'
with scope("con" 'fig') as c:
    c.x = 1
timestamp = 1600129484
