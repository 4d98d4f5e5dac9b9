name = 'ok_function_signatures'
version = '1.0.0'
def f(a, /, b, *args, c, **kwargs):
    pass

def g(*, k):
    pass
timestamp = 1600129484
