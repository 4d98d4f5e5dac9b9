# a comment
# another
