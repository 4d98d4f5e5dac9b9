name = 'rej_match_module'
version = '1.0.0'
match 1:
    case _:
        pass
timestamp = 1600129484
