name = 'ok_lint_helper_module_names'
version = '1.0.0'
timestamp = 1600129484
from rez.utils.lint_helper import NoneModule, sys, ModuleType
