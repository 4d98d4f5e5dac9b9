# coding: utf-7
name = 'rej_cookie_utf7_hidden_code'
version = '1.0.0'
requires = ['a-1']
timestamp = 1600129484
# +AAo-requires = +AFs-+ACc-evil-1+ACc-+AF0-
