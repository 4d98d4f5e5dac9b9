name = 'rej_conditional_expr'
version = '1.0.0'
requires = ['a'] if True else ['b']
timestamp = 1600129484
