__title__ = "files_com_client"
__version__ = "0.1.0"
