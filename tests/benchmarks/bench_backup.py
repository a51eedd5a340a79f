"""Back up and verify a 50 MB encrypted database, against a plain backup-API copy of it.

`backup_verify` is one click's work on the stored key: snapshot through the backup API,
integrity check, seal (AES-256-GCM, 1 MiB chunks), fsync, read the file back through a fresh
handle, unpack and integrity-check the database inside, rename. The key derivation is not in
it: the app derives the key once, when the passphrase is set. The ratio is against
`sqlite_file.copy_database` of the same database in the same run (a bare backup-API copy, with
no check, no sealing and no reading back). Median of three, each to a new folder on this disk.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

from common import print_bench

from involve_desktop.backup.backup_key import BackupKey
from involve_desktop.backup.make_backup import make_backup
from involve_desktop.db import sqlite_file
from involve_desktop.db.engine import Database
from involve_desktop.db.startup import prepare_database
from involve_desktop.paths import AppPaths, ensure_writable
from involve_desktop.services.demo import build_demo

KEY = bytes(range(32))
TODAY = date(2026, 11, 26)
TARGET_BYTES = 50_000_000
TARGET_S = 5.0
RUNS = 3


def build(folder: Path) -> AppPaths:
    """The demo charity with 2,000 people, filled with audit entries up to about 50 MB."""
    paths = AppPaths(folder)
    ensure_writable(paths)
    prepare_database(paths.database, key=KEY)
    database = Database(paths.database, key=KEY)
    with database.session_scope() as session:
        build_demo(session, people=2_000, seed=17, today=TODAY)
    database.close()
    connection = sqlite_file.connect(paths.database, key=KEY)
    try:
        batch = [
            ("2026-01-01 09:00:00.000000", "opened a sensitive section", "person", number % 2000)
            for number in range(50_000)
        ]
        while paths.database.stat().st_size < TARGET_BYTES:
            connection.execute("BEGIN")
            connection.executemany(
                "INSERT INTO audit_event (at, action, subject_kind, subject_id) "
                "VALUES (?, ?, ?, ?)",
                batch,
            )
            connection.execute("COMMIT")
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
    return paths


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        paths = build(root / "data")
        size = paths.database.stat().st_size
        backup_key = BackupKey.from_passphrase("bench copper meadow river")
        backups, copies = [], []
        for run in range(RUNS):
            target = root / f"copy-{run}.db"
            started = time.perf_counter()
            sqlite_file.copy_database(paths.database, target, key=KEY)
            copies.append(time.perf_counter() - started)
            target.unlink()

            stick = root / f"stick-{run}"
            stick.mkdir()
            started = time.perf_counter()
            result = make_backup(
                paths,
                KEY,
                backup_key,
                stick,
                organisation="",
                now=datetime(2026, 11, 26, 16, 45),
                sequence=run + 1,
            )
            backups.append(time.perf_counter() - started)
            result.path.unlink()
        backup, copy = statistics.median(backups), statistics.median(copies)
    print_bench(
        "backup_verify", backup, "s", backup / copy, f"<={TARGET_S:.0f}s", backup <= TARGET_S
    )
    print(
        f"# database {size / 1e6:.1f} MB, backup file {result.size_bytes / 1e6:.1f} MB; "
        f"backup-API copy median {copy:.3f} s"
    )


if __name__ == "__main__":
    main()
