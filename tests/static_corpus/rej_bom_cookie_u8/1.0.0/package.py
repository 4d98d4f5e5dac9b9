# coding: u8
name = 'rej_bom_cookie_u8'
version = '1.0.0'
requires = ['a-1']
timestamp = 1600129484
