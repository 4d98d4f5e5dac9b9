name = 'rej_injected_modifylist'
version = '1.0.0'
ModifyList = None
timestamp = 1600129484
