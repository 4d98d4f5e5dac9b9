# coding: u8
name = 'ok_cookie_u8'
version = '1.0.0'
requires = ['a-1']
timestamp = 1600129484

def commands():
    env.X = 1
