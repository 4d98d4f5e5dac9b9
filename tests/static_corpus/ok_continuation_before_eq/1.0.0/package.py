name = 'ok_continuation_before_eq'
version = '1.0.0'
requires \
= ['a-1',\
 'b']
timestamp = 1600129484
