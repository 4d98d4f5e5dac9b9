name = 'rej_tools_str'
version = '1.0.0'
tools = 'a'
timestamp = 1600129484
