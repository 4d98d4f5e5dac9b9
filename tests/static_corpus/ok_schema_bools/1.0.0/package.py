name = 'ok_schema_bools'
version = '1.0.0'
has_plugins = True
hashed_variants = False
relocatable = True
cachable = False
timestamp = 1600129484
