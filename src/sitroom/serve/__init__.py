"""The web server: a JSON API (api.py), incident routes and pages beside it, wired in app.py."""

from __future__ import annotations

from .app import create_app
from .settings import Settings

__all__ = ["Settings", "create_app"]
