name = 'ok_def_commands'
version = '1.0.0'
requires = ['a-1']
timestamp = 1600129484

def commands():
    env.PATH.append('{root}/bin')
