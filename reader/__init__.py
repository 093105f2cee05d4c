"""Offline reader for Derby City Children's Social Care Procedures."""

from __future__ import annotations

__version__ = "0.1.0"
APP_NAME = "procedures-reader"
APP_DISPLAY_NAME = "Procedures Reader"
