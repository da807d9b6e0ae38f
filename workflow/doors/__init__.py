"""The doors (唯一入口): every change of data, each with its acting user, in one transaction with its audit record."""
