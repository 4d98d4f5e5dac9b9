name = 'ok_UpperCase'
version = '1.0.0'
requires = ['ATM-1', 'CD']
timestamp = 1600129484
