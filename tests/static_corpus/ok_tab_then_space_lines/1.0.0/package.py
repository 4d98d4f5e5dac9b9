name = 'ok_tab_then_space_lines'
version = '1.0.0'
timestamp = 1600129484
def commands():
	 x = 1
	 y = 2
