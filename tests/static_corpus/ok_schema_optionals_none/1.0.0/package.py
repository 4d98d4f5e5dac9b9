name = 'ok_schema_optionals_none'
version = '1.0.0'
relocatable = None
cachable = None
release_message = None
timestamp = 1600129484
