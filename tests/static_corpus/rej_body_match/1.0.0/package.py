name = 'rej_body_match'
version = '1.0.0'
def commands():
    match x:
        case 1:
            pass
timestamp = 1600129484
