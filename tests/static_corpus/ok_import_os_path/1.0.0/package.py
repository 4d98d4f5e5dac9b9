name = 'ok_import_os_path'
version = '1.0.0'
timestamp = 1600129484
requires = ['a-1']
import os.path
import os
