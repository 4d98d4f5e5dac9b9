#!/usr/bin/env python
# -*- coding: utf-8 -*-
name = 'ok_cookie_line2'
version = '1.0.0'
timestamp = 1600129484
