from __future__ import annotations
name = 'rej_future_import'
version = '1.0.0'
timestamp = 1600129484
