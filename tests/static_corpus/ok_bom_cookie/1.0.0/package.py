# -*- coding: utf-8 -*-
name = 'ok_bom_cookie'
version = '1.0.0'
requires = ['a-1']
timestamp = 1600129484
