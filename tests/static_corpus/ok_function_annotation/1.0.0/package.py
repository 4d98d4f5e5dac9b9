name = 'ok_function_annotation'
version = '1.0.0'
def helper(x: int):
    pass
timestamp = 1600129484
