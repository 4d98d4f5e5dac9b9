name = 'rej_print_call'
version = '1.0.0'
print(end='')
timestamp = 1600129484
