name = 'ok_space_block_tab_body'
version = '1.0.0'
timestamp = 1600129484
def commands():
    if a:
    	pass
    x = 1
