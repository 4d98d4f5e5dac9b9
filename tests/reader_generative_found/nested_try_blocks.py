# rez's load fails: CPython's compile() raises "too many statically nested blocks" (each try/except/finally level is 3 of its 20 blocks); the reader counts 1 per try, reads [].
name = 'nested_try_blocks'
version = '1.0'
timestamp = 1

def commands():
    try: pass
    except E:
        try: pass
        except E:
            try: pass
            except E:
                try: pass
                except E:
                    try: pass
                    except E:
                        try: pass
                        except E:
                            try: pass
                            except E:
                                pass
                            finally: pass
                        finally: pass
                    finally: pass
                finally: pass
            finally: pass
        finally: pass
    finally: pass
