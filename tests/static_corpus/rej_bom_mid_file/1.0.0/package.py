name = 'rej_bom_mid_file'
version = '1.0.0'
﻿requires = ['a-1']
timestamp = 1600129484
