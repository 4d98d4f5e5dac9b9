name = 'rej_nested_class'
version = '1.0.0'
def commands():
    class C:
        pass
timestamp = 1600129484
