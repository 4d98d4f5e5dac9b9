name = 'rej_call'
version = '1.0.0'
timestamp = int('1600129484')
