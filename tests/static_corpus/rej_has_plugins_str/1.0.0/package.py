name = 'rej_has_plugins_str'
version = '1.0.0'
has_plugins = 'yes'
timestamp = 1600129484
