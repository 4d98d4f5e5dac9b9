name = 'ok_escapes_all'
version = '1.0.0'
description = 'a\nb\tc\\d\'e\"f\ag\bh\fi\vj\0k'
timestamp = 1600129484
