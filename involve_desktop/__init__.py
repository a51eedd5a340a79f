"""Involve: a desktop app for running the involvement of the people a small charity serves."""

APP_NAME = "Involve"

# The one place the version is written: pyproject.toml reads it from here (setuptools'
# dynamic version), and the app, the CLI and the About box show it.
__version__ = "0.1.0"
