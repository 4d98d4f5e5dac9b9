name = 'rej_def_variants'
version = '1.0.0'
def variants():
    return [['a-1']]
timestamp = 1600129484
