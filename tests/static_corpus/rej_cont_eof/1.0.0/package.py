name = 'rej_cont_eof'
version = '1.0.0'
timestamp = 1600129484
requires = ['a'] \
