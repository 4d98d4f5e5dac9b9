# -*- coding: latin-1 -*-
name = 'rej_cookie_latin1_ascii_text'
version = '1.0.0'
requires = ['a-1']
timestamp = 1600129484
