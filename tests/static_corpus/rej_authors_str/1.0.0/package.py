name = 'rej_authors_str'
version = '1.0.0'
authors = 'someone'
timestamp = 1600129484
