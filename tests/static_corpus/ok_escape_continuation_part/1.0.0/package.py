name = 'ok_escape_continuation_part'
version = '1.0.0'
requires = ['a' '\
' '-1']
timestamp = 1600129484
