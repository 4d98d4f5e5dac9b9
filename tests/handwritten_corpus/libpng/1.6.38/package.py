name = "libpng"


version = "1.6.38"


# authors
authors = ["mlee"]


requires = ["ptex-2.3", "fmt-8"]


build_requires = ["clang-13", "python-3"]


variants = [
    ["python-3.7"],
    ["python-3.9"],
]


build_command = "python {root}/install.py"


uuid = "repository.%s" % name


def commands():
    env.LIBPNG_ROOT = "{root}"
    env.LD_LIBRARY_PATH.append("{root}/lib64")

    if building:
        env.CMAKE_PREFIX_PATH.append("{root}")
        env.PKG_CONFIG_PATH.append("{root}/lib/pkgconfig")
