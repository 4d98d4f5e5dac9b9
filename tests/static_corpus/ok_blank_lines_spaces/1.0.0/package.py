name = 'ok_blank_lines_spaces'
   
	
version = '1.0.0'
 	 
requires = ['a-1']
timestamp = 1600129484
