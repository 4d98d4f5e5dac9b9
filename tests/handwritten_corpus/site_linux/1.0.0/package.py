#
# rez package definition for site_linux.
# Edit version and requirements here; the payload is built by the build script.
#


name = 'site_linux'
version = '1.0.0'
# authors
authors = ['pipeline']
requires = ['pipe_core', 'studio_logging-1']
build_command = 'python {root}/rezbuild.py {install}'

def commands():
    import os

    env.SITE_NAME = 'site_linux'
