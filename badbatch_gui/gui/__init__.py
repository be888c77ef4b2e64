"""PySide6 + pyqtgraph layer: windows, pages, widgets and workers that relay core events as Qt signals."""
