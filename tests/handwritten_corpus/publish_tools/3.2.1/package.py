# -*- coding: utf-8 -*-

name = 'publish_tools'

version = '3.2.1'

authors = ['Studio Pipeline Team', 'jdoe']

# Runtime requirements
requires = ['click', 'naming-1.5+', 'qtpy']

tools = ['publish_tools', 'publish_tools_gui']

build_system = 'cmake'


def commands():
    """Set up the environment."""
    env.PYTHONPATH.append('{root}/python')
    env.PATH.append('{root}/bin')
    # env.PATH.append('{root}/bin/legacy')
