"""Photos in: scanning a folder, decoding, the decoded-photo caches, augmentation, thumbnails and the demo folder."""
