"""Photos in: scanning a folder, decoding (and the pixel measurements taken meanwhile), the decoded-photo caches,
the training file list and batch plan, augmentation, thumbnails and the demo folder.
"""
