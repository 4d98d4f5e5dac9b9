name = 'rej_post_commands_empty_list'
version = '1.0.0'
post_commands = []
timestamp = 1600129484
