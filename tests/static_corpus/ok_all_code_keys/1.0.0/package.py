name = 'ok_all_code_keys'
version = '1.0.0'
def pre_commands():
    env.X = 'pre_commands'

def commands():
    env.X = 'commands'

def post_commands():
    env.X = 'post_commands'

def pre_build_commands():
    env.X = 'pre_build_commands'

def pre_test_commands():
    env.X = 'pre_test_commands'

timestamp = 1600129484
