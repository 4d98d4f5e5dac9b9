name = 'rej_pre_commands_old_style_list'
version = '1.0.0'
pre_commands = ['export X=1']
timestamp = 1600129484
