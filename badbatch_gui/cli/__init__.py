"""``badbatch``: the headless command line. Each subcommand lives in its own ``*_cmd`` module and calls the core.

Exit codes: 0 success, 1 the job failed (message on stderr), 2 bad arguments or an unusable folder
(one plain line on stderr, never a traceback), 130 stopped or interrupted with Ctrl-C. Every long subcommand runs
its core job through ``common.run_job``, which maps these outcomes once.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence
from typing import NoReturn

from badbatch_gui import __version__

log = logging.getLogger(__name__)

# Subcommand modules, in the order ``badbatch --help`` lists them. A module that is missing (a feature not
# built yet) is skipped rather than breaking the other commands.
SUBCOMMANDS = ("demo", "scan", "score", "train", "eval", "export", "embed", "similar", "inspect", "report")


class _Parser(argparse.ArgumentParser):
    """argparse that reports bad arguments as one plain line and exit code 2 (its default, kept)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"badbatch: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every available subcommand registered."""
    parser = _Parser(
        prog="badbatch",
        description="BadBatch Studio command line: scan, score, train, export, similar, inspect, report.",
    )
    parser.add_argument("--version", action="version", version=f"badbatch {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="show diagnostic log lines on stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in SUBCOMMANDS:
        try:
            module = importlib.import_module(f"badbatch_gui.cli.{name}_cmd")
        except ModuleNotFoundError as exc:
            if exc.name != f"badbatch_gui.cli.{name}_cmd":
                raise
            continue
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``badbatch``; returns the exit code (also used by ``python -m badbatch_gui.cli``)."""
    from badbatch_gui.cli.common import JobFailed, Stopped, out, warn
    from badbatch_gui.core.errors import BadBatchError
    from badbatch_gui.core.file_names import display_name
    from badbatch_gui.core.logs import setup_logging
    from badbatch_gui.core.paths import app_paths

    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    logs = setup_logging(app_paths().log_dir, verbose=bool(args.verbose))
    if logs.problem:  # the command still runs; one that truly needs the app's folders says so itself
        warn(logs.problem)
    try:
        return int(args.func(args))
    except Stopped as exc:
        out(str(exc))
        return 130
    except JobFailed as exc:
        log.error("%s failed: %s", args.command, exc)
        print(f"badbatch: error: {display_name(exc)}", file=sys.stderr)  # noqa: T201 - user output
        return 1
    except BadBatchError as exc:
        log.error("%s failed: %s", args.command, exc)
        print(f"badbatch: error: {display_name(exc)}", file=sys.stderr)  # noqa: T201 - user output
        return 2
    except KeyboardInterrupt:
        print("badbatch: interrupted", file=sys.stderr)  # noqa: T201 - the one line the user reads
        return 130
    except BrokenPipeError:  # e.g. `badbatch scan DIR | head`: the reader left; not an error worth a traceback
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
