name = 'dept_lighting'

version = '1.2.0'

# Runtime requirements
requires = [
    'pipe_core-2',
    '~maya-2022',
    '~nuke-13',
    '~houdini-19.5'
]

uuid = 'repository.dept_lighting'


def commands():
    env.SITE_NAME = 'dept_lighting'
    env.PROJECT_ROOT = '/mnt/projects/dept_lighting'
