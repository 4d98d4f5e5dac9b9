name = 'ok_annotation_generic'
version = '1.0.0'
timestamp = 1600129484
def helper(x: list[int]):
    pass
