#!/usr/bin/env python
# coding: cp1252
name = 'rej_cookie_line2_cp1252'
version = '1.0.0'
requires = ['a-1']
timestamp = 1600129484
description = '“q”'
