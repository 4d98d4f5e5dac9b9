#
# rez package definition for farm_client.
# Edit version and requirements here; the payload is built by the build script.
#

name = 'farm_client'

version = '5.0.1'

description = 'In-house pipeline tool.'

authors = [
    'pipeline'
]

requires = [
    'pyyaml',
    'naming-1.5+',
    'qtpy'
]

variants = [
    ['python-3.7'],
    ['python-3.9']
]

tools = [name, name + '_batch']


def commands():
    env.PYTHONPATH.append('{root}/python')
