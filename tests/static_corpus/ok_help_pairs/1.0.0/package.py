name = 'ok_help_pairs'
version = '1.0.0'
help = [['Home', 'http://x'], ['Docs', 'http://y']]
timestamp = 1600129484
