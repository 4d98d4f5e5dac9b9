name = 'rej_lint_helper_requires'
version = '1.0.0'
timestamp = 1600129484
requires = ['a-1']
from rez.utils.lint_helper import requires
