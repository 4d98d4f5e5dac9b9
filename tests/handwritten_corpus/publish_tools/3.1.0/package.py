# -*- coding: utf-8 -*-

name = 'publish_tools'

version = '3.1.0'

authors = ['Studio Pipeline Team', 'jdoe']

requires = ['click', 'naming-1.5+', 'qtpy']

tools = ['publish_tools', 'publish_tools_gui']

build_system = 'cmake'


def commands():
    """Set up the environment."""
    env.PYTHONPATH.append('{root}/python')
    env.PATH.append('{root}/bin')

    if 'maya' in resolve:
        env.MAYA_SCRIPT_PATH.append('{root}/maya/scripts')
