name = 'ok_triple_quotes'
version = '1.0.0'
description = """
    Text.
"""
timestamp = 1600129484
