"""``Store``: an open database (SQLite file or PostgreSQL URL) at the newest schema."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, func, select
from sqlalchemy.engine import Connection, Engine

from totor.store import schema
from totor.store.migrate import upgrade

#: the database used when none is given: a SQLite file in the working directory
DEFAULT_DB = "totor.db"


def database_url(db: str | os.PathLike[str] | None = None) -> str:
    """A SQLAlchemy URL for a path or URL; ``postgresql://`` is routed to psycopg 3."""
    db = os.fspath(db) if db is not None else os.environ.get("TOTOR_DB", DEFAULT_DB)
    if "://" not in db:
        return f"sqlite:///{Path(db).expanduser().resolve()}"
    if db.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + db.split("://", 1)[1]
    return db


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL: readers never block the writer; synchronous=NORMAL keeps every committed
    # transaction across a killed process (only a power cut could lose the last ones).
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


class Store:
    """A database holding articles, their items, clusters and failures.

    Opening a store creates the database file if needed and applies pending migrations.
    """

    def __init__(self, db: str | os.PathLike[str] | None = None) -> None:
        self.url = database_url(db)
        self.engine = make_engine(self.url)
        upgrade(self.engine)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """A transaction: committed when the block ends, rolled back on error."""
        with self.engine.begin() as connection:
            yield connection

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        with self.engine.connect() as connection:
            yield connection

    def counts(self) -> dict[str, int]:
        """Rows per table (articles counted as current / all versions)."""
        tables = {
            "articles": schema.articles,
            "entities": schema.entities,
            "places": schema.places,
            "claims": schema.claims,
            "figures": schema.figures,
            "events": schema.events,
            "labels": schema.labels,
            "clusters": schema.clusters,
            "failures": schema.failures,
        }
        with self.connect() as connection:
            result = {
                name: int(connection.scalar(select(func.count()).select_from(table)) or 0)
                for name, table in tables.items()
            }
            result["current_articles"] = int(
                connection.scalar(
                    select(func.count())
                    .select_from(schema.articles)
                    .where(schema.articles.c.current.is_(True))
                )
                or 0
            )
        return result

    def get_meta(self, key: str) -> str | None:
        with self.connect() as connection:
            return connection.scalar(select(schema.meta.c.value).where(schema.meta.c.key == key))

    def set_meta(self, connection: Connection, key: str, value: str) -> None:
        connection.execute(schema.meta.delete().where(schema.meta.c.key == key))
        connection.execute(schema.meta.insert().values(key=key, value=value))

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
