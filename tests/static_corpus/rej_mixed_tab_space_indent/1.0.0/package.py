name = 'rej_mixed_tab_space_indent'
version = '1.0.0'
def commands():
	x = 1
        y = 2
timestamp = 1600129484
