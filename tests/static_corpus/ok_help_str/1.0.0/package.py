name = 'ok_help_str'
version = '1.0.0'
help = 'http://example.com'
timestamp = 1600129484
