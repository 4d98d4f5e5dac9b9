name = 'ok_emoji_description'
version = '1.0.0'
description = '🎉 日本語'
authors = ['Zoë 🙂']
timestamp = 1600129484
