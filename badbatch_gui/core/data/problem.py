"""One unusable file: the record the scan, the decode cache and the Inspect steps report (reason codes:
``imageio.REASON_MESSAGES``).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Problem"]


@dataclass(frozen=True)
class Problem:
    """An unusable file (or unreadable sub-folder): relative path, reason code, plain-language message. The scan
    reports them (``ScanResult.problems``), and so does every later step that finds a file it cannot decode
    (``ImageCache.failed``, the Inspect index and check).

    ``detail`` is what the message names besides the file, for a front end to say it in its language: the resolved
    target of a ``link_outside`` link, the kind of a ``special_file`` ("fifo", "socket", "char_device",
    "block_device", "other"); "" otherwise.
    """

    path: str
    reason: str
    message: str
    detail: str = ""
