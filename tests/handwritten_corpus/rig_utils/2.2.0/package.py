# -*- coding: utf-8 -*-

name = "rig_utils"

version = "2.2.0"

# Shown in the launcher
description = "Small CLI used by production."

authors = ["jdoe"]

requires = ["six", "naming-1.5+", "python-3.7+<4"]

tools = ["rig_utils", "rig_utils_gui"]

build_command = "python {root}/install.py"


def commands():
    env.PYTHONPATH.append("{root}/python")
    env.PATH.append("{root}/bin")
