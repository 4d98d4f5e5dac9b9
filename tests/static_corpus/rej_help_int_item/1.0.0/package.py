name = 'rej_help_int_item'
version = '1.0.0'
help = [['Home', 1]]
timestamp = 1600129484
