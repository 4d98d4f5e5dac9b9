name = 'ok_tabs_nested_blocks'
version = '1.0.0'
timestamp = 1600129484
def commands():
	if a:
		pass
	else:
		pass
