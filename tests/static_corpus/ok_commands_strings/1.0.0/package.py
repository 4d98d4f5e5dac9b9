name = 'ok_commands_strings'
version = '1.0.0'
commands = 'env.X = 1'
pre_commands = ''
post_commands = 'not python ('
timestamp = 1600129484
