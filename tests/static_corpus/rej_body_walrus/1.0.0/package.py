name = 'rej_body_walrus'
version = '1.0.0'
def commands():
    if (x := 1):
        pass
timestamp = 1600129484
