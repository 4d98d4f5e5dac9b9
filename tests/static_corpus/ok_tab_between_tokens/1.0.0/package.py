name = 'ok_tab_between_tokens'
version = '1.0.0'
requires	=	['a-1']	# tab
timestamp = 1600129484
