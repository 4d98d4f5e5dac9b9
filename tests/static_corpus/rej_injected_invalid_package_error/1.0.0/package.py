name = 'rej_injected_invalid_package_error'
version = '1.0.0'
InvalidPackageError = 1
timestamp = 1600129484
