name = 'rej_type_alias'
version = '1.0.0'
type X = int
timestamp = 1600129484
