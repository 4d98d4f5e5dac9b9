name = 'rej_global_after_import'
version = '1.0.0'
timestamp = 1600129484
def commands():
    import x
    global x
