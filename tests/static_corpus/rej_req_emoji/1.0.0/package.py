name = 'rej_req_emoji'
version = '1.0.0'
requires = ['🎉-1']
timestamp = 1600129484
