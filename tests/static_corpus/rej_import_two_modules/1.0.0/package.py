name = 'rej_import_two_modules'
version = '1.0.0'
timestamp = 1600129484
import os, sys
