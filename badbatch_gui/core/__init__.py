"""Qt-free computation: scanning, loading, augmentation, features, FRD, losses, EMC2, training, export.

Nothing under this package may import PySide6, pyqtgraph or ``badbatch_gui.gui`` (tests enforce it).
"""
