name = 'rej_decorator_include'
version = '1.0.0'
@include('x')
def commands():
    pass
timestamp = 1600129484
