"""Step 2, Batch check: the photos that look wrong and training's batches."""
