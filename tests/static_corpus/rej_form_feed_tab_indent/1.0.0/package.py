name = 'rej_form_feed_tab_indent'
version = '1.0.0'
timestamp = 1600129484
def commands():
	x = 1
	y = 2
