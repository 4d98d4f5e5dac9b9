name = 'rej_walrus_statement'
version = '1.0.0'
(x := 1)
timestamp = 1600129484
