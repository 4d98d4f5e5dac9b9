name = 'requests'

version = '2.28.1'

description = 'Python library, vendored for the pipeline.'

# Runtime requirements
requires = [
    'python',
    'urllib3-1.26',
    'idna-3',
    'certifi',
]

uuid = '81c8b7cd-142b-4612-a1af-c88e5e36226f'


def commands():
    env = globals()["env"]
    this = globals()["this"]

    env.PYTHONPATH.append('{root}/python')
    env.PATH.prepend('{root}/bin')
