name = 'ok_preprocess_then_value'
version = '1.0.0'
def preprocess(this, data):
    pass

preprocess = 1
timestamp = 1600129484
