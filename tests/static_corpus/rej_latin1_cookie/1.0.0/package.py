# -*- coding: latin-1 -*-
name = 'rej_latin1_cookie'
version = '1.0.0'
description = 'café'
timestamp = 1600129484
