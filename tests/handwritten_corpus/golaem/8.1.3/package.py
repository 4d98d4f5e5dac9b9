# -*- coding: utf-8 -*-

name = 'golaem'
version = '8.1.3'
# Shown in the launcher
description = 'Digital assets shared across shows.'
variants = [
    ['maya-2020'],
    ['maya-2022'],
    ['maya-2023']
]
uuid = 'c61abe2576aa5a8751e3f437b103df5d'

def commands():
    prependenv('MAYA_MODULE_PATH', '{root}/modules')
    appendenv('PYTHONPATH', '{root}/python')
