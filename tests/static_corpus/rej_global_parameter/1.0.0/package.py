name = 'rej_global_parameter'
version = '1.0.0'
timestamp = 1600129484
def helper(x):
    global x
