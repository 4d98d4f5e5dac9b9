name = 'rej_release_message_list'
version = '1.0.0'
release_message = ['a']
timestamp = 1600129484
