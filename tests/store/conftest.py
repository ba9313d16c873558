"""Store tests run on both backends: a SQLite temp file and PostgreSQL (TOTOR_TEST_PG_URL).

Each test gets a fresh database. PostgreSQL comes from ``bash .ci/postgres.sh``; in CI
(CI=true) a missing TOTOR_TEST_PG_URL fails the run instead of skipping half the tests.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from totor.corpus import Corpus

PG_ENV = "TOTOR_TEST_PG_URL"


def _pg_url() -> str | None:
    url = os.environ.get(PG_ENV)
    if url:
        return url
    if os.environ.get("CI", "").lower() == "true":
        raise RuntimeError(
            f"CI=true but {PG_ENV} is not set: run `bash .ci/postgres.sh` and source "
            ".ci/postgres.env before the tests; PostgreSQL store tests must not be skipped in CI"
        )
    return None


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "db_url" in metafunc.fixturenames:
        backends = ["sqlite"]
        if _pg_url():
            backends.append("postgresql")
        else:  # only outside CI: say loudly that half the matrix is missing
            print(f"\nWARNING: {PG_ENV} unset: store tests run on SQLite only")
        metafunc.parametrize("db_url", backends, indirect=True)


@pytest.fixture
def db_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    if request.param == "sqlite":
        yield str(tmp_path_factory.mktemp("store") / "totor.db")
        return
    base = make_url(_pg_url() or "")
    name = f"totor_t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def corpus(db_url: str) -> Iterator[Corpus]:
    with Corpus(db_url) as opened:
        yield opened
