name = 'ok_annotation_shadowed_builtin'
version = '1.0.0'
timestamp = 1600129484
int = 1

def helper(x: int):
    pass
