name = 'ok_no_final_newline_comment'
version = '1.0.0'
requires = ['a-1']
timestamp = 1600129484
# end