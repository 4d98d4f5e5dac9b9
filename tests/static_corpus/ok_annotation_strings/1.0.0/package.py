name = 'ok_annotation_strings'
version = '1.0.0'
timestamp = 1600129484
def helper(x: 'undefined') -> 'X':
    pass
