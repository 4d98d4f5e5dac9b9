name = 'rej_import_non_stdlib'
version = '1.0.0'
timestamp = 1600129484
import yaml
