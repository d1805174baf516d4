"""codegen: vendor API specs → typed Python client packages."""

__version__ = "0.1.0"
