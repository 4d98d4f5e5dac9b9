name = 'rej_changelog_list'
version = '1.0.0'
changelog = ['a']
timestamp = 1600129484
