__title__ = "sendrealm_client"
__version__ = "0.1.0"
