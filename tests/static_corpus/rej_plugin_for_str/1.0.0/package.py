name = 'rej_plugin_for_str'
version = '1.0.0'
plugin_for = 'a'
timestamp = 1600129484
