name = 'ok_import_as_timestamp'
version = '1.0.0'
timestamp = 1600129484
import os as timestamp
requires = ['a-1']
