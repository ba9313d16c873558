"""Look names up in the built index: fast, cached, read-only."""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from totor.geo.build import build_index
from totor.geo.normalise import normalise

#: most candidates kept per name, largest first (small hamlets sharing a big city's name
#: never win anyway)
MAX_CANDIDATES = 40


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry a name may refer to."""

    key: int  # row id in the index; stable within one index file
    geonameid: int | None
    name: str
    lat: float
    lon: float
    country: str | None
    admin1: str | None
    admin1_name: str | None
    feature: str  # country | admin | admin2 | city | locality | landmark | region
    population: int
    capital: bool
    exact: bool  # the looked-up name is the entry's own name or a curated alias
    admin2: str | None = None  # GeoNames admin2 code (county, district) when known


_QUERY = """
SELECT p.id, p.geonameid, p.name, p.lat, p.lon, p.country, p.admin1, p.admin1_name,
       p.feature, p.population, p.capital, n.exact, p.admin2
FROM names n JOIN places p ON p.id = n.place
WHERE n.key = ?
ORDER BY p.population DESC
LIMIT ?
"""


class Gazetteer:
    """The offline gazetteer. ``lookup`` is cached, so repeated names cost a dict hit."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or build_index()
        self._cache: dict[str, tuple[Candidate, ...]] = {}
        self._local = threading.local()
        self._coded: dict[tuple[str, str, str | None], Candidate | None] = {}

    def _db(self) -> sqlite3.Connection:
        # one read-only connection per thread: sqlite3 connections are not shared safely
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._local.db = db
        return db

    def lookup(self, name: str) -> list[Candidate]:
        """Every entry called ``name`` (any spelling the index knows), largest first."""
        return list(self.lookup_key(normalise(name)))

    def lookup_key(self, key: str) -> tuple[Candidate, ...]:
        """Like ``lookup`` for an already normalised name; the tuple is shared, do not mutate."""
        found = self._cache.get(key)
        if found is None:
            rows = self._db().execute(_QUERY, (key, MAX_CANDIDATES)).fetchall() if key else []
            found = tuple(
                Candidate(
                    r[0],
                    r[1],
                    r[2],
                    r[3],
                    r[4],
                    r[5],
                    r[6],
                    r[7],
                    r[8],
                    r[9],
                    bool(r[10]),
                    bool(r[11]),
                    r[12],
                )
                for r in rows
            )
            if len(self._cache) > 200_000:  # bounded: a long-running server sees many names
                self._cache.clear()
            self._cache[key] = found
        return found

    def admin(self, country: str, code: str) -> Candidate | None:
        """The first-level region with this GeoNames admin1 code ('US', 'TX' -> Texas)."""
        return self._by_code("admin", country, code)

    def country(self, code: str) -> Candidate | None:
        """The country with this ISO 3166 alpha-2 code."""
        return self._by_code("country", code, None)

    def _by_code(self, feature: str, country: str, admin1: str | None) -> Candidate | None:
        marker = (feature, country, admin1)
        if marker in self._coded:
            return self._coded[marker]
        row = (
            self._db()
            .execute(
                "SELECT name FROM places WHERE feature = ? AND country = ? AND admin1 IS ?",
                (feature, country, admin1),
            )
            .fetchone()
        )
        found = None
        if row:
            found = next(
                (
                    c
                    for c in self.lookup_key(normalise(row[0]))
                    if c.feature == feature and c.country == country and c.admin1 == admin1
                ),
                None,
            )
        self._coded[marker] = found
        return found

    def knows(self, name: str) -> bool:
        return bool(self.lookup_key(normalise(name)))

    def phrases(self) -> list[tuple[str, str]]:
        """(surface form, feature) of every country, admin region, region and landmark name."""
        return [
            (row[0], row[1]) for row in self._db().execute("SELECT surface, feature FROM phrases")
        ]

    # pickling (spaCy multiprocessing) carries the path, not the connection or cache
    def __getstate__(self) -> dict[str, Any]:
        return {"path": self.path}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["path"])  # type: ignore[misc]


_shared: Gazetteer | None = None
_shared_lock = threading.Lock()


def shared_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, building the index on first use if needed."""
    global _shared
    with _shared_lock:
        if _shared is None or not _shared.path.exists():
            _shared = Gazetteer()
        return _shared
