name = 'rej_body_await'
version = '1.0.0'
def commands():
    await x
timestamp = 1600129484
