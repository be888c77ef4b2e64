"""Modal dialogs: the error report and the settings."""
