name = 'nuke'

version = '14.0.2'

requires = [
    '~python-3.7'
]

# One build per entry
variants = [
    ['platform-linux']
]

tools = [
    'nuke',
    'nukex'
]

uuid = '2f02fd5991d0bec0aaef196dcbc81e60'


def commands():
    """Set up the environment."""
    if system.platform == 'windows':
        env.PATH.append('{root}/bin/win64')
    else:
        env.PATH.append('{root}/bin')
    env.NUKE_VERSION = '{this.version}'
