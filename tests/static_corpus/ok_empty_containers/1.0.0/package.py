name = 'ok_empty_containers'
version = '1.0.0'
a = []
b = ()
c = {}
d = (1,)
timestamp = 1600129484
