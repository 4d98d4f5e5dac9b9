#!/usr/bin/env python

# -*- coding: latin-1 -*-
name = 'ok_cookie_line3_ignored'
version = '1.0.0'
description = 'café'
requires = ['a-1']
timestamp = 1600129484
