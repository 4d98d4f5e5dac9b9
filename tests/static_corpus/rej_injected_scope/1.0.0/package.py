name = 'rej_injected_scope'
version = '1.0.0'
scope = 'x'
timestamp = 1600129484
