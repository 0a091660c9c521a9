"""The main window's tabs, one module each; `base` holds the interface they share."""
