"""What a service gives back: the Outcome of a user action, or a ServiceError saying why it could not be done.

Apart from `services.core` (which re-exports all of it) so that the window can hold them before SQLAlchemy
is imported: the first screen needs them, and no model.
"""

from __future__ import annotations

from dataclasses import dataclass

from stls_desk.domain.enums import AuditAction


class ServiceError(Exception):
    """A user action could not be done; the message says why in a rep's words."""


class ValidationError(ServiceError):
    """Bad input: `field` names the form field to mark, the message says what to fix."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class NotFoundError(ServiceError):
    pass


@dataclass(frozen=True)
class Outcome:
    """What one action changed, so each view refreshes only what concerns it."""

    entity: str
    id: int
    action: AuditAction
    dispute_id: int | None = None
    fields: tuple[str, ...] = ()


def gone(what: str) -> NotFoundError:
    """The error for a record that was there and is not now (deleted meanwhile, in this window or another)."""
    return NotFoundError(f"That {what} is no longer in the log (it may have been deleted).")
