name = 'rej_description_list'
version = '1.0.0'
description = ['a']
timestamp = 1600129484
