name = 'rej_lint_helper_timestamp'
version = '1.0.0'
timestamp = 1600129484
from rez.utils.lint_helper import timestamp
