name='ok_spacing'
version   =   '1.0.0'   
requires=[ 'a' , 'b' ]
timestamp=0
