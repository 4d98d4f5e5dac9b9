name = 'ok_global_then_del_import'
version = '1.0.0'
timestamp = 1600129484
def commands():
    global x
    del x
    import x
