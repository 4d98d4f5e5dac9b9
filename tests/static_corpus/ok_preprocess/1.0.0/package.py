name = 'ok_preprocess'
version = '1.0.0'
requires = ['a']
timestamp = 1600129484
def preprocess(this, data):
    data['requires'] = ['b']
