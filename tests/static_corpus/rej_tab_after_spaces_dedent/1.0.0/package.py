name = 'rej_tab_after_spaces_dedent'
version = '1.0.0'
timestamp = 1600129484
def commands():
	if a:
		pass
    	x = 1
