name = 'ok_function_return_annotation'
version = '1.0.0'
def helper() -> None:
    pass
timestamp = 1600129484
