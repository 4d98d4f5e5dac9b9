name = 'ok_requires_in_triple_string_line'
version = '1.0.0'
description = '''
requires = ['evil-1']
'''
timestamp = 1600129484
