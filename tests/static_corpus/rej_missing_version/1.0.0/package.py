name = 'rej_missing_version'
timestamp = 1600129484
