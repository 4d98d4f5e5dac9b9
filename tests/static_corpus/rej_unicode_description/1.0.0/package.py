# -*- coding: utf-8 -*-

name = 'rej_unicode_description'
version = '1.0.0'
description = 'café'
timestamp = 1600129484
