name = 'rej_req_long_number'
version = '1.0.0'
requires = ['foo-1+<99999999999999999999']
timestamp = 1600129484
