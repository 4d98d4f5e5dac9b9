name = 'jpeg_turbo'

version = '2.1.3'

description = \
    """
    Third party library, built from the upstream release tarball.
    """

# Runtime requirements
requires = [
    'glew-2',
    'pybind11-2'
]

variants = [
    ['platform-linux', 'arch-x86_64']
]


@early()
def build_requires():
    import platform

    if platform.system() == "Windows":
        return ["cmake-3", "visual_studio-2019"]
    return ["cmake-3", "gcc-9"]


def commands():
    env.JPEG_TURBO_ROOT = '{root}'
    env.LD_LIBRARY_PATH.append('{root}/lib')

    # only needed when something builds against us
    # env.PATH.append('{root}/bin/legacy')
    if building:
        env.CMAKE_PREFIX_PATH.append('{root}')


build_command = 'python {root}/install.py'
