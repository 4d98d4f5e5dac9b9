# coding=utf8
name = 'ok_cookie_utf8_spellings'
version = '1.0.0'
requires = ['a-1']
timestamp = 1600129484
