name = 'ok_annotated_no_value'
version = '1.0.0'
requires: list
timestamp = 1600129484
