name = 'rej_attribute_target'
version = '1.0.0'
x.y = 1
timestamp = 1600129484
