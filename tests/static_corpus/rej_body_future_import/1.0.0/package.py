name = 'rej_body_future_import'
version = '1.0.0'
def commands():
    from __future__ import annotations
timestamp = 1600129484
