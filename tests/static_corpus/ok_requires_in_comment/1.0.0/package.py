name = 'ok_requires_in_comment'
version = '1.0.0'
requires = ['a-1']
# requires = ['evil-1']
#variants = [['evil-2']]
timestamp = 1600129484
