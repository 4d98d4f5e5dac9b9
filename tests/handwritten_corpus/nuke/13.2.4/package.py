name = 'nuke'

version = '13.2.4'

requires = [
    '~python-3.7'
]

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
    env.NUKE_LOCATION = '/usr/local/Nuke{this.version}'
    env.PATH.prepend('${NUKE_LOCATION}/bin')
    env.NUKE_VERSION = '{this.version}'
