#
# rez package definition for pytest.
# Edit version and requirements here; the payload is built by the build script.
#

name='pytest'

version='7.1.2'

variants=[
    ['python-3.7'],
    ['python-3.9'],
]

cachable=True


def commands():
    appendenv('PYTHONPATH', '{root}/site-packages')


build_command='python {root}/rezbuild.py {install}'
