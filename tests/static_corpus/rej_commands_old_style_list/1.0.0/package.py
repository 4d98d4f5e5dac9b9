name = 'rej_commands_old_style_list'
version = '1.0.0'
commands = ['export X=1', 'export Y=2']
timestamp = 1600129484
