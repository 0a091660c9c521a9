"""STLS Desk: a desktop negotiation log for trade-union reps."""

from __future__ import annotations

__version__ = "0.1.0"
APP_NAME = "STLS Desk"
ORGANISATION = "STLS Desk"
