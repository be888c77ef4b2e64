"""Step 5, Inspect: the trained network at work (photos like this one, new photos checked, a map of the folder)."""
