name = 'rej_lambda_value'
version = '1.0.0'
helper = lambda: 1
timestamp = 1600129484
