name = 'rej_form_feed_indent'
version = '1.0.0'
def commands():
    env.X = 1
timestamp = 1600129484
