name = 'ok_requires_in_dict'
version = '1.0.0'
revision = {'requires': ['evil-1'], 'variants': [['evil-2']]}
requires = ['a-1']
timestamp = 1600129484
