name = 'ok_scope_several'
version = '1.0.0'
with scope('config') as config:
    config.release_packages_path = '/r'
    config.build_directory = 'build'
    config.plugins.release_hook.emailer.recipients = ['a@b']
    config.plugins.release_hook.emailer.sender = 'c@d'
timestamp = 1600129484
