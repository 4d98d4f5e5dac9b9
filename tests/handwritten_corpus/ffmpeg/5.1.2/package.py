# -*- coding: utf-8 -*-

name = "ffmpeg"

version = "5.1.2"

variants = [
    ["platform-linux"],
]

tools = [
    "ffmpeg",
    "ffprobe",
]


def commands():
    import os

    env.PATH.append(os.path.join("{root}", "bin"))
    env.LD_LIBRARY_PATH.append(os.path.join("{root}", "lib"))
