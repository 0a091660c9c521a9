"""Qt item models over the services' row dataclasses: one per table."""
