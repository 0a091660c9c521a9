"""Small dialogs, each behind a typed `ask…(parent, …) -> result | None` that tests can replace."""
