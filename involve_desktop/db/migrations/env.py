"""Alembic environment: always runs on a connection handed over by `db.migrate`."""

from alembic import context

from involve_desktop.db.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
    render_as_batch=True,
    # SQLite can roll back DDL once the driver stops managing transactions (engine.py);
    # one transaction per revision, so a failure leaves the last good revision in place.
    transactional_ddl=True,
    transaction_per_migration=True,
)
with context.begin_transaction():
    context.run_migrations()
