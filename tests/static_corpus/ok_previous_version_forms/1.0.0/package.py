name = 'ok_previous_version_forms'
version = '1.0.0'
previous_version = 'v1'
previous_version = '01'
previous_version = '1_2'
previous_version = 'A'
previous_version = '1.a-B_c'
timestamp = 1600129484
