"""Alembic environment for totor's store.

Migrations run programmatically from :func:`totor.store.migrate.upgrade`, which passes an
open connection in ``config.attributes["connection"]``; there is no alembic.ini to edit.
"""

from __future__ import annotations

from alembic import context

from totor.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reached when someone runs the alembic CLI
    raise RuntimeError("run totor's migrations through totor.store.migrate.upgrade()")

context.configure(
    connection=connection,
    target_metadata=metadata,
    # SQLite cannot ALTER most things: batch mode rebuilds tables for later revisions
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
