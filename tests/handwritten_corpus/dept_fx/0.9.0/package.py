# -*- coding: utf-8 -*-


name = "dept_fx"

version = "0.9.0"

description = \
    """
    Site and department environment.
    """

authors = [
    "asmith",
]

requires = [
    "~python-3.7",
    # "oiio-1.8",
    "launcher-2",
]

# cachable
cachable = False


def commands():
    import os

    env.SITE_NAME = "dept_fx"
    # env.PATH.append("{root}/bin/legacy")
    env.OCIO = "/mnt/projects/dept_fx/config/ocio/config.ocio"
