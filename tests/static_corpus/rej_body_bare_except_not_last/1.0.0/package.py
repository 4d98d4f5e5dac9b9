name = 'rej_body_bare_except_not_last'
version = '1.0.0'
def commands():
    try:
        pass
    except:
        pass
    except ValueError:
        pass
timestamp = 1600129484
