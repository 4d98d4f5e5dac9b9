name = 'rej_if_name_main'
version = '1.0.0'
if __name__ == '__main__':
    pass
timestamp = 1600129484
