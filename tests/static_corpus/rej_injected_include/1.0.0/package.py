name = 'rej_injected_include'
version = '1.0.0'
include = []
timestamp = 1600129484
