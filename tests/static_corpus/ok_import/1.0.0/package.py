import os
name = 'ok_import'
version = '1.0.0'
requires = ['a-1']
timestamp = 1600129484
