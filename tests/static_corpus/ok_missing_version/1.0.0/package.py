name = 'ok_missing_version'
timestamp = 1600129484
