name = 'rej_def_then_int_commands'
version = '1.0.0'
def commands():
    env.X = 1

commands = 1
timestamp = 1600129484
