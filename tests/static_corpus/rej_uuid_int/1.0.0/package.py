name = 'rej_uuid_int'
version = '1.0.0'
uuid = 1
timestamp = 1600129484
