name = 'rej_body_continue_finally'
version = '1.0.0'
def commands():
    for x in y:
        try:
            pass
        finally:
            continue
timestamp = 1600129484
