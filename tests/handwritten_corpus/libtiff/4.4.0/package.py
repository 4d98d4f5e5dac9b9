# -*- coding: utf-8 -*-

from rez.utils.lint_helper import env, building, scope, early, resolve


name = "libtiff"


version = "4.4.0"


description = "Third party library, built from the upstream release tarball."


requires = ["jpeg_turbo-2", "glew-2", "imath-3"]


build_requires = ["cmake-3.16+<4", "devtoolset-9"]


variants = [
    ["platform-linux", "arch-x86_64", "python-2.7"],
    ["platform-linux", "arch-x86_64", "python-3.7"],
]


def commands():
    env.LIBTIFF_ROOT.set("{root}")
    env.LD_LIBRARY_PATH.append("{root}/lib")

    if building:
        env.CMAKE_PREFIX_PATH.append("{root}")
        env.PKG_CONFIG_PATH.append("{root}/lib/pkgconfig")
