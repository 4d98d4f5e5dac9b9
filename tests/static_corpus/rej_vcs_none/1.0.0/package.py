name = 'rej_vcs_none'
version = '1.0.0'
vcs = None
timestamp = 1600129484
