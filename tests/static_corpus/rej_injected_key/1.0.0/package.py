name = 'rej_injected_key'
version = '1.0.0'
early = 1
timestamp = 1600129484
