name = 'rej_early_requires'
version = '1.0.0'
timestamp = 1600129484

@early()
def requires():
    return ['a-1']
