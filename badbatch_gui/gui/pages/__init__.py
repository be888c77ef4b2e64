"""The window's four steps, one sub-package per page with its panels (images, batch_check, train, export)."""
