name = 'rej_lint_helper_globals'
version = '1.0.0'
timestamp = 1600129484
from rez.utils.lint_helper import globals
late = globals()['late']
