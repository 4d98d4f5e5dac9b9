name = 'rej_authors_int'
version = '1.0.0'
authors = [1]
timestamp = 1600129484
