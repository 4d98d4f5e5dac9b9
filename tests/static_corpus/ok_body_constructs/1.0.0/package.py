name = 'ok_body_constructs'
version = '1.0.0'
def commands():
    import os
    from os import path as p
    x = 1
    x += 1
    y: int = 2
    if building:
        env.A = f'{this.root}/{x:>4}'
    elif x:
        pass
    else:
        env.B = 'b'
    for i in range(3):
        if i:
            continue
        break
    else:
        pass
    while False:
        break
    try:
        import nothing
    except ImportError as e:
        pass
    else:
        pass
    finally:
        pass
    with open(os.devnull) as f, open(os.devnull):
        pass
    z = [i for i in range(3) if i]
    s = {i for i in ()}
    d = {k: v for k, v in ()}
    g = (i for i in ())
    del z
    assert x
    print(*[1], sep='', **{})
    if x:
        raise ValueError('x')
    return
timestamp = 1600129484
