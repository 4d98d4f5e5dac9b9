name = 'ok_revision_any'
version = '1.0.0'
revision = [1, 'a', None, (2.5,), {'k': {}}]
previous_revision = 3
timestamp = 1600129484
