# coding: utf-8-sig
name = 'ok_cookie_utf8_sig'
version = '1.0.0'
requires = ['a-1']
timestamp = 1600129484
