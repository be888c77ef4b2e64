"""write_failure names the real cause of a failed write through the wrappers libraries put around it; the log
set-up never stops the app when its folder cannot be written.
"""

from __future__ import annotations

import errno
import logging

import pytest

from badbatch_gui.core.logs import setup_logging
from badbatch_gui.core.write_errors import DISK_FULL, NO_PERMISSION, NOT_A_FOLDER, OTHER, READ_ONLY, write_failure


def _wrapped(inner: OSError, outer: RuntimeError) -> RuntimeError:
    try:
        try:
            raise inner
        except OSError:
            raise outer  # noqa: B904 - the implicit context is what torch.save leaves
    except RuntimeError as exc:
        return exc


@pytest.mark.parametrize(
    ("exc", "kind"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), DISK_FULL),
        (_wrapped(OSError(errno.ENOSPC, "x"), RuntimeError("unexpected pos 704 vs 598")), DISK_FULL),  # torch.save
        (RuntimeError("Error while serializing: I/O error: No space left on device (os error 28)"), DISK_FULL),
        (PermissionError(errno.EACCES, "Permission denied"), NO_PERMISSION),
        (OSError(errno.EROFS, "Read-only file system"), READ_ONLY),
        (NotADirectoryError(errno.ENOTDIR, "Not a directory"), NOT_A_FOLDER),
        (OSError(errno.EIO, "Input/output error"), OTHER),
        (RuntimeError("[enforce fail at inline_container.cc:672]"), OTHER),
    ],
)
def test_the_cause_is_found_and_said_plainly(exc, kind):
    failure = write_failure(exc)
    assert failure.kind == kind
    assert failure.advice.endswith(".")
    assert "enforce" not in failure.reason
    assert "os error" not in failure.reason
    if kind == OTHER and isinstance(exc, OSError):
        assert failure.reason == "input/output error"


def test_a_log_folder_that_cannot_be_created_gives_a_sentence_not_an_error(tmp_path):
    blocker = tmp_path / "a_file"
    blocker.write_text("x")
    root = logging.getLogger()
    handlers = list(root.handlers)
    try:
        setup = setup_logging(blocker / "logs")
        assert setup.file is None
        assert str(blocker / "logs") in setup.problem
        assert "going on without a log file" in setup.problem
        assert "BADBATCH_HOME" in setup.problem
        assert blocker.read_text() == "x"
        good = setup_logging(tmp_path / "logs")
        assert good.file == tmp_path / "logs" / "badbatch.log"
        assert good.problem == ""
    finally:
        for h in list(root.handlers):
            if h not in handlers:
                root.removeHandler(h)
                h.close()
