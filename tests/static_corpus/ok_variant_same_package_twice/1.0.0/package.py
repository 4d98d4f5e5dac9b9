name = 'ok_variant_same_package_twice'
version = '1.0.0'
variants = [['a-1', 'a-2']]
timestamp = 1600129484
