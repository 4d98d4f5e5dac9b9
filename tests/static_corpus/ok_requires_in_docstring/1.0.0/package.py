name = 'ok_requires_in_docstring'
version = '1.0.0'
"""
requires = ['evil-1']
variants = [['evil-2']]
"""
requires = ['a-1']
timestamp = 1600129484
