name = 'ok_string_then_def_commands'
version = '1.0.0'
commands = 'env.Y = 2'

def commands():
    env.X = 1
timestamp = 1600129484
