# coding: utf8
name = 'rej_bom_cookie_utf8_alias'
version = '1.0.0'
requires = ['a-1']
timestamp = 1600129484
