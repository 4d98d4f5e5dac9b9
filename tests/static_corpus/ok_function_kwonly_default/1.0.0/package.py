name = 'ok_function_kwonly_default'
version = '1.0.0'
def helper(*, x=1):
    pass
timestamp = 1600129484
