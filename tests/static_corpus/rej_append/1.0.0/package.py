name = 'rej_append'
version = '1.0.0'
requires = ['a']
requires.append('b')
timestamp = 1600129484
