name = 'rej_import_after_builtins_reset'
version = '1.0.0'
timestamp = 1600129484
__builtins__ = {}
import os
requires = ['a-1']
