name = 'rej_injected_late'
version = '1.0.0'
late = 1
timestamp = 1600129484
