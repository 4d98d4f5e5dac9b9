name = 'ok_version_padded'
version = '01.002'
timestamp = 1600129484
