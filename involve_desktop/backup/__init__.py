"""Backups: sealed files on a stick or in a folder, checking them, restoring them, and the
automatic local copies in the data folder. Headless (no Qt); see docs/decisions/010-backups.md.
"""
