name = 'rej_relocatable_str'
version = '1.0.0'
relocatable = 'yes'
timestamp = 1600129484
