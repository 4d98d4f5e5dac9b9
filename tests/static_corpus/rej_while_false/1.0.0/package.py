name = 'rej_while_false'
version = '1.0.0'
while False:
    pass
timestamp = 1600129484
