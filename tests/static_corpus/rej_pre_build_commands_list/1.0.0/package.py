name = 'rej_pre_build_commands_list'
version = '1.0.0'
pre_build_commands = ['x']
pre_test_commands = ['y']
timestamp = 1600129484
