"""Step 4, Export: save a trained network for other programs."""
