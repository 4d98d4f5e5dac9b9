name = 'ok_escape_emoji'
version = '1.0.0'
description = '\U0001F600 \u00e9'
timestamp = 1600129484
