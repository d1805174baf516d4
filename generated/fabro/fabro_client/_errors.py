"""The Fabro Run API's error bodies: the type of :attr:`APIStatusError.error`."""

from __future__ import annotations

from typing import TypeAlias

from . import models

ErrorBody: TypeAlias = models.ErrorResponse
"""The vendor's error bodies, parsed."""

__all__ = ["ErrorBody"]
