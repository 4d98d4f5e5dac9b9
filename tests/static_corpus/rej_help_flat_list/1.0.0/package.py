name = 'rej_help_flat_list'
version = '1.0.0'
help = ['http://x']
timestamp = 1600129484
