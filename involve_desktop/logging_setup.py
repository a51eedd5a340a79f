"""Rotating log files that never hold personal data.

The rule is kept at the sources: SQLAlchemy engines hide bound parameters, tracebacks are
written without local variables, and the app logs record ids, never names or notes.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_FILE_NAME = "involve.log"
MAX_LOG_BYTES = 1_000_000
LOG_FILES_KEPT = 5


def setup_logging(log_dir: Path, *, level: int = logging.INFO) -> Path:
    """Send the app's logging to a rotating file in `log_dir`; return the file's path."""
    log_dir.mkdir(parents=True, exist_ok=True)
    log_file = log_dir / LOG_FILE_NAME
    handler = logging.handlers.RotatingFileHandler(
        log_file, maxBytes=MAX_LOG_BYTES, backupCount=LOG_FILES_KEPT, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "involve_handler", False)]:
        root.removeHandler(old)
        old.close()
    handler.involve_handler = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    return log_file
