# rez loads requires ['bar']: CPython honours the utf-7 declaration on line 2, which turns the last comment into a newline and a binding; with CRLF line ends the reader checks line 1 only, reads ['foo'].
# -*- coding: utf-7 -*-
name = 'crlf_coding_line2'
version = '1.0'
timestamp = 1
requires = ['foo']
# +AAo-requires = ['bar']
