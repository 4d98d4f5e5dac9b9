name = 'rej_decorator_plain'
version = '1.0.0'
@staticmethod
def helper():
    pass
timestamp = 1600129484
