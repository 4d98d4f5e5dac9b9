name = 'rej_lint_helper_version'
from rez.utils.lint_helper import version
timestamp = 1600129484
