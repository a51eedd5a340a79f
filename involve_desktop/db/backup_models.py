"""The backup settings: one row holding the stored backup key and when backups were made.

Imported at the end of `models.py`, so one `Base.metadata` holds every table. The derived
backup key (never the passphrase) is kept here, inside the encrypted database, so that a
backup is one click; it is marked secret so nothing prints or exports it.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from involve_desktop.db.models import Base

SECRET = {"sensitive": True, "secret": True}
DEFAULT_INTERVAL_DAYS = 7


class BackupSettings(Base):
    """The single row (id 1) of backup settings and history."""

    __tablename__ = "backup_settings"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Argon2id settings and salt that derived `backup_key` from the passphrase; every file
    # sealed with the key carries them too, so the passphrase alone opens it elsewhere.
    kdf_memory_kib: Mapped[int | None] = mapped_column(Integer)
    kdf_iterations: Mapped[int | None] = mapped_column(Integer)
    kdf_parallelism: Mapped[int | None] = mapped_column(Integer)
    kdf_salt: Mapped[bytes | None] = mapped_column(LargeBinary)
    backup_key: Mapped[bytes | None] = mapped_column(LargeBinary, info=SECRET)
    passphrase_set_at: Mapped[datetime | None] = mapped_column(DateTime)
    # How often the charity means to back up to a removable drive (the nag's clock).
    interval_days: Mapped[int] = mapped_column(
        Integer, default=DEFAULT_INTERVAL_DAYS, server_default=str(DEFAULT_INTERVAL_DAYS)
    )
    last_removable_backup_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_removable_backup_place: Mapped[str] = mapped_column(
        String(300), default="", server_default=""
    )
    last_local_copy_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Counts every backup and local copy; thinning and "newest" go by it, not by the clock.
    sequence: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    nag_dismissed_on: Mapped[date | None] = mapped_column(Date)
