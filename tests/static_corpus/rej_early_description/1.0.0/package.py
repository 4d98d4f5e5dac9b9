name = 'rej_early_description'
version = '1.0.0'
requires = ['a-1']
timestamp = 1600129484

@early()
def description():
    return 'x'
