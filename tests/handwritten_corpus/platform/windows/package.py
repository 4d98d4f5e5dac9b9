# -*- coding: utf-8 -*-

name = "platform"

version = "windows"
