name = 'rej_literal_fffd'
version = '1.0.0'
description = '�'
timestamp = 1600129484
