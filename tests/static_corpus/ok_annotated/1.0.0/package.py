name = 'ok_annotated'
version = '1.0.0'
requires: list = ['a']
timestamp = 1600129484
