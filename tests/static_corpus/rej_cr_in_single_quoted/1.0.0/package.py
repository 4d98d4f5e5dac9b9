name = 'rej_cr_in_single_quoted'
version = '1.0.0'
description = 'ab'
timestamp = 1600129484
