name = 'rej_description_int'
version = '1.0.0'
description = 1
timestamp = 1600129484
