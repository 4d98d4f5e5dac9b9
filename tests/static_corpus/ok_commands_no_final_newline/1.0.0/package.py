name = 'ok_commands_no_final_newline'
version = '1.0.0'
requires = ['a-1']
timestamp = 1600129484

def commands():
    env.X = 1