# vim: set fileencoding=utf-8 :
name = 'ok_cookie_vim'
version = '1.0.0'
requires = ['a-1']
timestamp = 1600129484
