# coding: utf-16
name = 'rej_cookie_utf16'
version = '1.0.0'
requires = ['a-1']
timestamp = 1600129484
