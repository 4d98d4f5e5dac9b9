name = 'ok_none_true_false'
version = '1.0.0'
data = [None, True, False]
flag = None
timestamp = 1600129484
