"""Backup tests run with quick key derivation (see helpers.quick_backup_key)."""

from tests.backup.helpers import quick_backup_key  # noqa: F401
