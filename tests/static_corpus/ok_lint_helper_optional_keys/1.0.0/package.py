name = 'ok_lint_helper_optional_keys'
version = '1.0.0'
timestamp = 1600129484
from rez.utils.lint_helper import relocatable, release_message
