"""The schema revision this version of the app expects.

Kept as a plain constant so that start-up can compare it with the file's revision without
importing Alembic (about 0.6 s); a test holds it equal to the migrations' head.
"""

SCHEMA_HEAD = "0008_retention"
