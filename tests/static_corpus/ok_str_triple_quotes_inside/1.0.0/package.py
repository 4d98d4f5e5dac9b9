name = 'ok_str_triple_quotes_inside'
version = '1.0.0'
description = '''it's "quoted" '' '''
authors = ["""a "b" c"""]
timestamp = 1600129484
