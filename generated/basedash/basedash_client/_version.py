__title__ = "basedash_client"
__version__ = "0.1.0"
