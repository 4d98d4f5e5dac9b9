name = 'ok_form_feed_between_tokens'
version = '1.0.0'
requires = ['a-1']
timestamp = 1600129484
