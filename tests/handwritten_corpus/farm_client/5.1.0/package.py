#
# rez package definition for farm_client.
# Edit version and requirements here; the payload is built by the build script.
#

name = 'farm_client'

version = '5.1.0'

# Shown in the launcher
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

uuid = 'repository.%s' % name


def commands():
    # env.PATH.append('{root}/bin/legacy')
    env.PYTHONPATH.append('{root}/python')
    env.FARM_CLIENT_CONFIG = '{root}/config'

    if 'maya' in resolve:
        env.MAYA_SCRIPT_PATH.append('{root}/maya/scripts')
