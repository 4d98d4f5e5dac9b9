# -*- coding: utf-8 -*-


name = "lucidity"
version = "1.6.0"
# Shown in the launcher
description = "Python bindings, pinned for the current show."
authors = ["tools@studio.example"]
requires = ["python-2.7+<4"]
build_command = "python {root}/rezbuild.py {install}"

def commands():
	import os

	env.PYTHONPATH.append(os.path.join("{root}", "site-packages"))
