name = 'rej_body_except_star'
version = '1.0.0'
def commands():
    try:
        pass
    except* ValueError:
        pass
timestamp = 1600129484
