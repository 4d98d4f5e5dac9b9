name = 'rej_ellipsis_statement'
version = '1.0.0'
...
timestamp = 1600129484
