name = 'ok_schema_str_lists'
version = '1.0.0'
authors = []
tools = ['t']
plugin_for = ['p']
timestamp = 1600129484
