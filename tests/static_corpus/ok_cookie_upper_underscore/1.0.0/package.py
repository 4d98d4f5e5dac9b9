# -*- coding: UTF_8 -*-
name = 'ok_cookie_upper_underscore'
version = '1.0.0'
requires = ['a-1']
timestamp = 1600129484
