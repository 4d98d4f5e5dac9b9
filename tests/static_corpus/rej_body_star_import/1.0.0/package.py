name = 'rej_body_star_import'
version = '1.0.0'
def commands():
    from os import *
timestamp = 1600129484
