name = 'rej_invalid_utf8'
version = '1.0.0'
# ÿ
timestamp = 1600129484
