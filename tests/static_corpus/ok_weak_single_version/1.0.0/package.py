name = 'ok_weak_single_version'
version = '1.0.0'
variants = [['~aftershave-CentOS-7', 'wave-2.7'], ['~spawn-3.60.05.28192.stable']]
timestamp = 1600129484
