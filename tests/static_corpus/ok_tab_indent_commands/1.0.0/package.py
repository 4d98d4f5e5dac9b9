name = 'ok_tab_indent_commands'
version = '1.0.0'
def commands():
	env.X = 1
timestamp = 1600129484
