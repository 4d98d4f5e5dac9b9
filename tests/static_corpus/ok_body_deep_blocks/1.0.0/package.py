name = 'ok_body_deep_blocks'
version = '1.0.0'
def commands():
    if x:
        if x:
            if x:
                if x:
                    if x:
                        if x:
                            if x:
                                if x:
                                    if x:
                                        if x:
                                            if x:
                                                pass
timestamp = 1600129484
