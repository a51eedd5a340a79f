"""The Qt user interface. Widgets reach the data only through services, via `ops.py`."""
