name = 'rej_async_def'
version = '1.0.0'
async def commands():
    pass
timestamp = 1600129484
