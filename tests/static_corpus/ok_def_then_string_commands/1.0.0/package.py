name = 'ok_def_then_string_commands'
version = '1.0.0'
def commands():
    env.X = 1

commands = 'env.Y = 2'
timestamp = 1600129484
