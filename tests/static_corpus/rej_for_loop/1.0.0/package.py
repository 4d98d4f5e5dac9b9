name = 'rej_for_loop'
version = '1.0.0'
for _i in []:
    pass
timestamp = 1600129484
