name = 'rej_set_tools'
version = '1.0.0'
tools = {'a'}
timestamp = 1600129484
