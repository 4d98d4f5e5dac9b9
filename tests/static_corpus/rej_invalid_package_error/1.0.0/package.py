name = 'rej_invalid_package_error'
version = '1.0.0'
timestamp = 1600129484
raise InvalidPackageError('no')
