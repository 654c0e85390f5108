"""One logging set-up for the command line and the dashboard.

People get short messages (one line, "figcheck: ..."), as every error message of figcheck reads;
the full traceback of anything unexpected goes to `figcheck.log` in the workspace directory, so a
failure that is reported in one line can still be understood afterwards. `debug=True` (the CLI's
`--debug`) also shows tracebacks and debug messages on standard error.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import TextIO

LOG_FILE_NAME = "figcheck.log"
PACKAGE_LOGGER = "extract"
# Streamlit reports an exception the dashboard script did not catch through this logger, with its
# traceback, and already prints it on the server's console: it goes to the file too.
STREAMLIT_ERRORS_LOGGER = "streamlit.error_util"
# The workspace the log lives in, until a command or the dashboard names one: the same rule as the
# workspace store's (FIGCHECK_WORKSPACE, else data/workspace/ in the checkout).
WORKSPACE_ENV = "FIGCHECK_WORKSPACE"
DEFAULT_WORKSPACE = Path(__file__).resolve().parents[2] / "data" / "workspace"
_FILE_FORMAT = "%(asctime)s %(levelname)s %(name)s [pid %(process)d]: %(message)s"
_HANDLER_NAME = "figcheck"  # marks our handlers, so that configuring again replaces them


class _OneLine(logging.Formatter):
    """'figcheck: message' and no traceback: what a person at a terminal reads."""

    def format(self, record: logging.LogRecord) -> str:
        return "figcheck: " + " ".join(record.getMessage().split())


class _WorkspaceLog(logging.FileHandler):
    """The log file, opened (and its directory made) at the first record; a log that cannot be
    written costs one line on standard error, never the run."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, encoding="utf-8", delay=True)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
        except OSError:
            self.handleError(record)
            return
        super().emit(record)

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        error = sys.exc_info()[1]
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        print(f"figcheck: cannot write the log {self.baseFilename}: {reason}", file=sys.stderr)


def default_workspace() -> Path:
    """$FIGCHECK_WORKSPACE, else data/workspace/."""
    chosen = os.environ.get(WORKSPACE_ENV, "").strip()
    return Path(chosen) if chosen else DEFAULT_WORKSPACE


def log_file(workspace: str | Path) -> Path:
    """Where the tracebacks of the workspace at `workspace` are written."""
    return Path(workspace) / LOG_FILE_NAME


def configure_logging(workspace: str | Path, *, debug: bool = False,
                      stream: TextIO | None = None) -> Path:
    """Send figcheck's log records to `stream` (standard error by default) and to the workspace's log file.

    `stream` shows warnings and errors as one line each (everything, tracebacks included, with
    `debug`); the file keeps every record from INFO up (DEBUG with `debug`) with its traceback.
    Calling it again (a dashboard rerun, a second CLI call in one process) replaces the handlers it
    added before instead of adding more. Returns the log file; it and its directory are created with
    the first record, so a run that logs nothing leaves nothing behind.
    """
    console = logging.StreamHandler(stream if stream is not None else sys.stderr)
    console.set_name(_HANDLER_NAME)
    console.setLevel(logging.DEBUG if debug else logging.WARNING)
    console.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s") if debug else _OneLine())
    to_file = _WorkspaceLog(log_file(workspace))
    to_file.set_name(_HANDLER_NAME)
    to_file.setLevel(logging.DEBUG if debug else logging.INFO)
    to_file.setFormatter(logging.Formatter(_FILE_FORMAT))
    handlers: list[logging.Handler] = [console, to_file]
    for name, wanted in ((PACKAGE_LOGGER, handlers), (STREAMLIT_ERRORS_LOGGER, handlers[1:])):
        logger = logging.getLogger(name)
        for old in [h for h in logger.handlers if h.get_name() == _HANDLER_NAME]:
            logger.removeHandler(old)
            old.close()
        for handler in wanted:
            logger.addHandler(handler)
    package = logging.getLogger(PACKAGE_LOGGER)
    package.setLevel(logging.DEBUG if debug else logging.INFO)
    package.propagate = False  # not twice when an application also logs to the root logger
    return log_file(workspace)


def log_unexpected(error: BaseException, doing: str, log: Path) -> None:
    """Report an error nobody planned for: one line for people (where the traceback went), the traceback to the log."""
    logging.getLogger(PACKAGE_LOGGER).error("unexpected error while %s: %s: %s (traceback in %s)", doing,
                                            type(error).__name__, error, log, exc_info=error)
