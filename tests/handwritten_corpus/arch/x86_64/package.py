# -*- coding: utf-8 -*-

name='arch'

version='x86_64'

requires=[]
