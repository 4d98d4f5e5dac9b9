name = 'ok_annotation_undefined'
version = '1.0.0'
x: undefined_name = 1
timestamp = 1600129484
