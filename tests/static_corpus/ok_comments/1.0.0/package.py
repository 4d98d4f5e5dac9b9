# a comment
name = 'ok_comments'
version = '1.0.0'
   # an indented comment line
requires = [  # why
    'a-1',  # first
    # between
    'b',
]  # after
timestamp = 1600129484
# end
