name = 'rej_lint_helper_used'
version = '1.0.0'
timestamp = 1600129484
from rez.utils.lint_helper import used
