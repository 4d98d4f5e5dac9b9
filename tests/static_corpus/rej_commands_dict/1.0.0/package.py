name = 'rej_commands_dict'
version = '1.0.0'
commands = {'a': 1}
timestamp = 1600129484
