# -*- coding: utf-8 -*-


name = "ffmpeg"

version = "4.4.2"

variants = [
    ["platform-linux"],
]

tools = [
    "ffmpeg",
    "ffprobe",
]


def commands():
    import os

    if system.platform == "windows":
        env.PATH.append("{root}/bin/win64")
    else:
        env.PATH.append("{root}/bin")
