name = 'rej_late_requires'
version = '1.0.0'
timestamp = 1600129484

@late()
def requires():
    return ['a-1']
