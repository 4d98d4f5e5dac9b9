name = 'ok_import_as_requires'
version = '1.0.0'
timestamp = 1600129484
requires = ['a-1']
import os as requires
