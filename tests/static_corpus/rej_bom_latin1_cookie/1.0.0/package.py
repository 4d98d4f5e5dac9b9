# -*- coding: latin-1 -*-
name = 'rej_bom_latin1_cookie'
version = '1.0.0'
requires = ['a-1']
timestamp = 1600129484
