"""Step 1, Images: the folder's photos and the problems the scan found."""
