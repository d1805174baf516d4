__title__ = "kognitos_client"
__version__ = "0.1.0"
