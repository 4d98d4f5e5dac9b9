name = 'ok_function_annotation_undefined'
version = '1.0.0'
def helper(x: undefined_name):
    pass
timestamp = 1600129484
