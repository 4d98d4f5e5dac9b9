"""Rez package for libraw."""


name = "libraw"

version = "0.20.2"

description = "Third party library, built from the upstream release tarball."

requires = [
    "ptex-2.3",
    "zlib-1.2"
]

variants = [
    ["python-3.7"],
    ["python-3.9"]
]


def commands():
    env.LIBRAW_ROOT = "{root}"
    env.LD_LIBRARY_PATH.append("{root}/lib64")

    if building:
        env.CMAKE_PREFIX_PATH.append("{root}")
        env.PKG_CONFIG_PATH.append("{root}/lib/pkgconfig")
