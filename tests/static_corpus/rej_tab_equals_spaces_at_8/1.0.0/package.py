name = 'rej_tab_equals_spaces_at_8'
version = '1.0.0'
timestamp = 1600129484
def commands():
  	x = 1
	y = 2
