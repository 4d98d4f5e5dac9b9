# -*- coding: utf-8 -*-

name = 'ok_unicode_description'
version = '1.0.0'
description = 'café'
timestamp = 1600129484
