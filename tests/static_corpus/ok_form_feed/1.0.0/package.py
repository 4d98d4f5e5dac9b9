name = 'ok_form_feed'
version = '1.0.0'

timestamp = 1600129484
