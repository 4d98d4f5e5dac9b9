name = 'rej_def_build_requires'
version = '1.0.0'
def build_requires():
    return []
timestamp = 1600129484
