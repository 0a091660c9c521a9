"""Widgets the tabs share: tables with an empty state, the record panel, the filter bar."""
