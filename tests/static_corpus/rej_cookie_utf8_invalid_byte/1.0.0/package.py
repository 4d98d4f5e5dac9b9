# -*- coding: utf-8 -*-
name = 'rej_cookie_utf8_invalid_byte'
version = '1.0.0'
requires = ['a-1']
timestamp = 1600129484
description = 'café'
