name = 'ok_import_as_version'
version = '1.0.0'
import os as version
timestamp = 1600129484
