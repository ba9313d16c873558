"""The web UI and JSON API of a totor store (``totor serve``)."""

from __future__ import annotations

from totor.web.app import create_app

__all__ = ["create_app"]
