name = 'rej_tools_tuple'
version = '1.0.0'
tools = ('a',)
timestamp = 1600129484
