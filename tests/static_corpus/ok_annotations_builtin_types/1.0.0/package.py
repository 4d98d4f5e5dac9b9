name = 'ok_annotations_builtin_types'
version = '1.0.0'
timestamp = 1600129484
def helper(x: int = 'a') -> None:
    pass
