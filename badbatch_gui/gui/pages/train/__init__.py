"""Step 3, Train: the page and its panels (settings, memory forecast, status, left-out photos)."""
