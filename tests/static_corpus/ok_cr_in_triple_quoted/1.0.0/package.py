name = 'ok_cr_in_triple_quoted'
version = '1.0.0'
description = '''ab'''
requires = ['a-1']
timestamp = 1600129484
