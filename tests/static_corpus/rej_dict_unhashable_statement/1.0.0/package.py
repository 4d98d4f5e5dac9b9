name = 'rej_dict_unhashable_statement'
version = '1.0.0'
{[]: 1}
timestamp = 1600129484
