name = 'ok_body_parenthesized_with'
version = '1.0.0'
def commands():
    with (open(a) as f,
          open(b) as g):
        pass
timestamp = 1600129484
