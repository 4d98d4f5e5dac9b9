name = 'rej_import_as_scope'
version = '1.0.0'
timestamp = 1600129484
import os as scope
with scope('config') as c:
    c.x = 1
