name = 'rej_try_import'
version = '1.0.0'
try:
    import yaml
except ImportError:
    yaml = None
timestamp = 1600129484
