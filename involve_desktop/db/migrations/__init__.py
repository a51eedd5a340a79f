"""Alembic migrations: one revision per schema change, never edited once shipped."""
