__title__ = "fabro_client"
__version__ = "0.1.0"
