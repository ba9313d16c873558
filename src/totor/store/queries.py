"""Read the store: events, figures, clusters, articles, search and failures.

Every list query returns a :class:`Page`: the rows and a ``next`` cursor (``None`` on the
last page). Pass the cursor back to get the following page. Paging is keyset paging on
``(date, pk)`` newest first, so page 1000 costs what page 1 costs; search pages by rank.
"""

from __future__ import annotations

import base64
import json
import math
import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, func, or_, select, text, tuple_
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from totor.store import schema
from totor.store.core import Store
from totor.store.writer import norm

DEFAULT_LIMIT = 50
MAX_LIMIT = 10_000
KM_PER_DEGREE = 111.195


@dataclass
class Page:
    """One page of results and the cursor of the next one."""

    items: list[dict[str, Any]]
    next: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"items": self.items, "next": self.next}


def encode_cursor(values: list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> list[Any]:
    padded = cursor + "=" * (-len(cursor) % 4)
    try:
        values = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, json.JSONDecodeError) as error:
        raise ValueError(f"bad cursor: {cursor!r}") from error
    if not isinstance(values, list):
        raise ValueError(f"bad cursor: {cursor!r}")
    return values


def _as_list(value: str | list[str] | tuple[str, ...] | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return list(value)


@dataclass
class EventFilters:
    """What ``events`` selects. Every field is optional; the filters combine with AND."""

    type: str | list[str] | None = None  # PLOVER type(s)
    actor: str | None = None  # canonical actor name (case-insensitive)
    target: str | None = None
    place: str | None = None  # place name, ISO country code (upper case), or "lat,lon"
    radius_km: float | None = None  # with place: every event within this distance
    date_from: str | None = None  # ISO date, inclusive
    date_to: str | None = None
    outlet: str | None = None
    status: str | list[str] | None = None
    text: str | None = None  # full-text query over the article text
    country: str | None = None
    article: str | None = None  # article id
    all_versions: bool = False  # include events of superseded article versions


@dataclass
class FigureFilters:
    measure: str | list[str] | None = None
    place: str | None = None
    source: str | None = None  # speaker (who claims it) or outlet, case-insensitive
    date_from: str | None = None
    date_to: str | None = None
    article: str | None = None
    all_versions: bool = False


@dataclass
class _Center:
    lat: float
    lon: float


_LATLON = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$")


def resolve_place(connection: Connection, place: str) -> _Center | None:
    """Coordinates for "lat,lon" or for a place name seen in the store."""
    match = _LATLON.match(place)
    if match:
        return _Center(float(match.group(1)), float(match.group(2)))
    name = norm(place)
    # the most common coordinates under that name, from the places table, else from events
    for table in (schema.places, schema.events):
        row = connection.execute(
            select(table.c.lat, table.c.lon)
            .where(
                table.c.place_norm == name if table is schema.events else table.c.name_norm == name
            )
            .where(table.c.lat.is_not(None))
            .limit(1)
        ).first()
        if row is not None:
            break
    return _Center(row.lat, row.lon) if row is not None else None


def _near(table: Any, center: _Center, radius_km: float) -> ColumnElement[bool]:
    """Within radius_km of center: a bounding box (index) then an equirectangular distance.

    Only arithmetic, so it runs the same in SQLite and PostgreSQL; within a few hundred
    kilometres it is off by well under one percent.
    """
    dlat = radius_km / KM_PER_DEGREE
    cos_lat = max(math.cos(math.radians(center.lat)), 1e-6)
    dlon = dlat / cos_lat
    box = and_(
        table.c.lat.between(center.lat - dlat, center.lat + dlat),
        table.c.lon.between(center.lon - dlon, center.lon + dlon),
    )
    y = table.c.lat - center.lat
    x = (table.c.lon - center.lon) * cos_lat
    return and_(box, (x * x + y * y) <= dlat * dlat)


def _place_condition(
    connection: Connection, table: Any, place: str, radius_km: float | None
) -> ColumnElement[bool]:
    if radius_km is not None:
        center = resolve_place(connection, place)
        if center is None:
            raise ValueError(
                f"unknown place {place!r}: give a place seen in the store or 'lat,lon'"
            )
        return _near(table, center, radius_km)
    # a two-letter code is a country; anything else a place name (indexed equality only,
    # so that the filter stays fast on a million events)
    if len(place) == 2 and place.isalpha() and place.isupper():
        return table.c.country == place
    return table.c.place_norm == norm(place)


def fts_query(connection: Connection, query: str) -> Any:
    """A subquery of article pks whose title or text match ``query``."""
    if connection.dialect.name == "sqlite":
        return text("SELECT rowid FROM articles_fts WHERE articles_fts MATCH :fts").bindparams(
            fts=sqlite_match(query)
        )
    return text(
        "SELECT pk FROM articles WHERE search @@ plainto_tsquery('english', :fts)"
    ).bindparams(fts=query)


def sqlite_match(query: str) -> str:
    """User words as an FTS5 query: each word quoted (no syntax errors), all required.

    PostgreSQL gets the same meaning from plainto_tsquery: words ANDed, no operators.
    """
    words = re.findall(r"\w+", query)
    return " ".join(f'"{word}"' for word in words) or '""'


def _keyset(
    table: Any, cursor: str | None, date_column: str = "date"
) -> ColumnElement[bool] | None:
    if not cursor:
        return None
    date, pk = decode_cursor(cursor)
    return tuple_(table.c[date_column], table.c.pk) < tuple_(date, pk)


def _limit(limit: int | None) -> int:
    return max(1, min(limit or DEFAULT_LIMIT, MAX_LIMIT))


def event_conditions(connection: Connection, filters: EventFilters) -> list[ColumnElement[bool]]:
    events = schema.events
    conditions: list[ColumnElement[bool]] = []
    if not filters.all_versions:
        conditions.append(events.c.current.is_(True))
    types = [t.upper() for t in _as_list(filters.type)]
    if types:
        conditions.append(events.c.type.in_(types))
    statuses = _as_list(filters.status)
    if statuses:
        conditions.append(events.c.status.in_(statuses))
    if filters.date_from:
        conditions.append(events.c.date >= filters.date_from[:10])
    if filters.date_to:
        conditions.append(events.c.date <= filters.date_to[:10])
    if filters.date_from or filters.date_to:
        conditions.append(events.c.date != "")
    if filters.outlet:
        conditions.append(events.c.outlet == filters.outlet)
    if filters.country:
        conditions.append(events.c.country == filters.country.upper())
    if filters.place:
        conditions.append(_place_condition(connection, events, filters.place, filters.radius_km))
    for role, name in (("actor", filters.actor), ("target", filters.target)):
        if name:
            actors = schema.event_actors
            conditions.append(
                events.c.pk.in_(
                    select(actors.c.event_pk).where(
                        actors.c.name_norm == norm(name), actors.c.role == role
                    )
                )
            )
    if filters.text:
        conditions.append(events.c.article_pk.in_(fts_query(connection, filters.text)))
    if filters.article:
        conditions.append(
            events.c.article_pk.in_(
                select(schema.articles.c.pk).where(schema.articles.c.id == filters.article)
            )
        )
    return conditions


def _article_info(connection: Connection, article_pks: set[int]) -> dict[int, dict[str, Any]]:
    if not article_pks:
        return {}
    articles = schema.articles
    rows = connection.execute(
        select(
            articles.c.pk,
            articles.c.id,
            articles.c.url,
            articles.c.title,
            articles.c.published,
            articles.c.version,
        ).where(articles.c.pk.in_(article_pks))
    )
    return {
        row.pk: {
            "article_id": row.id,
            "url": row.url,
            "title": row.title,
            "published": row.published,
            "version": row.version,
        }
        for row in rows
    }


def event_dict(row: Any, article: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row.pk,
        "key": row.key,
        **article,
        "type": row.type,
        "mode": row.mode,
        "status": row.status,
        "confidence": row.confidence,
        "date": row.date or None,
        "date_end": row.date_end,
        "outlet": row.outlet,
        "place": {
            "name": row.place_name,
            "geonameid": row.geonameid,
            "lat": row.lat,
            "lon": row.lon,
            "country": row.country,
            "admin1": row.admin1,
            "feature": row.feature,
        }
        if row.place_name
        else None,
        "country": row.country,
        "actors": list(row.actors),
        "targets": list(row.targets),
        "figures": list(row.figure_keys),
        "claim": row.claim_key,
        "speaker": row.speaker,
        "trigger": row.trigger_text,
        "span": [row.span_start, row.span_end],
        "evidence": row.evidence,
        "current": bool(row.current),
    }


def events(
    store: Store,
    filters: EventFilters | None = None,
    *,
    limit: int | None = None,
    cursor: str | None = None,
) -> Page:
    """Events matching the filters, newest date first."""
    filters = filters or EventFilters()
    table = schema.events
    size = _limit(limit)
    with store.connect() as connection:
        conditions = event_conditions(connection, filters)
        after = _keyset(table, cursor)
        if after is not None:
            conditions.append(after)
        rows = connection.execute(
            select(table)
            .where(*conditions)
            .order_by(table.c.date.desc(), table.c.pk.desc())
            .limit(size + 1)
        ).all()
        info = _article_info(connection, {row.article_pk for row in rows[:size]})
    items = [event_dict(row, info.get(row.article_pk, {})) for row in rows[:size]]
    following = (
        encode_cursor([rows[size - 1].date, rows[size - 1].pk]) if len(rows) > size else None
    )
    return Page(items, following)


def count_events(store: Store, filters: EventFilters | None = None) -> int:
    with store.connect() as connection:
        conditions = event_conditions(connection, filters or EventFilters())
        return int(
            connection.scalar(select(func.count()).select_from(schema.events).where(*conditions))
            or 0
        )


def figure_dict(row: Any, article: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row.pk,
        "key": row.key,
        **article,
        "measure": row.measure,
        "value": row.value,
        "low": row.low,
        "high": row.high,
        "approx": bool(row.approx),
        "unit": row.unit,
        "subject": row.subject,
        "subject_entity": row.subject_name,
        "place": row.place_name,
        "lat": row.lat,
        "lon": row.lon,
        "country": row.country,
        "admin1": row.admin1,
        "date": row.date or None,
        "claim": row.claim_key,
        "speaker": row.speaker,
        "outlet": row.outlet,
        "quote": row.quote,
        "span": [row.span_start, row.span_end],
        "current": bool(row.current),
    }


def figures(
    store: Store,
    filters: FigureFilters | None = None,
    *,
    limit: int | None = None,
    cursor: str | None = None,
) -> Page:
    """Figures matching the filters, newest date first."""
    filters = filters or FigureFilters()
    table = schema.figures
    size = _limit(limit)
    with store.connect() as connection:
        conditions: list[ColumnElement[bool]] = []
        if not filters.all_versions:
            conditions.append(table.c.current.is_(True))
        measures = _as_list(filters.measure)
        if measures:
            conditions.append(table.c.measure.in_(measures))
        if filters.place:
            conditions.append(_place_condition(connection, table, filters.place, None))
        if filters.source:
            source = norm(filters.source)
            conditions.append(
                or_(func.lower(table.c.speaker) == source, func.lower(table.c.outlet) == source)
            )
        if filters.date_from:
            conditions.append(table.c.date >= filters.date_from[:10])
        if filters.date_to:
            conditions.append(and_(table.c.date <= filters.date_to[:10], table.c.date != ""))
        if filters.article:
            conditions.append(
                table.c.article_pk.in_(
                    select(schema.articles.c.pk).where(schema.articles.c.id == filters.article)
                )
            )
        after = _keyset(table, cursor)
        if after is not None:
            conditions.append(after)
        rows = connection.execute(
            select(table)
            .where(*conditions)
            .order_by(table.c.date.desc(), table.c.pk.desc())
            .limit(size + 1)
        ).all()
        info = _article_info(connection, {row.article_pk for row in rows[:size]})
    items = [figure_dict(row, info.get(row.article_pk, {})) for row in rows[:size]]
    following = (
        encode_cursor([rows[size - 1].date, rows[size - 1].pk]) if len(rows) > size else None
    )
    return Page(items, following)


def clusters(
    store: Store,
    *,
    type: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    min_articles: int = 2,
    limit: int | None = None,
    cursor: str | None = None,
) -> Page:
    """Stored clusters (see totor.fuse), newest first."""
    table = schema.clusters
    size = _limit(limit)
    conditions: list[ColumnElement[bool]] = [table.c.n_articles >= min_articles]
    if type:
        conditions.append(table.c.type == type.upper())
    if date_from:
        conditions.append(table.c.date_end >= date_from[:10])
    if date_to:
        conditions.append(table.c.date_start <= date_to[:10])
    after = _keyset(table, cursor, "date_start")
    if after is not None:
        conditions.append(after)
    with store.connect() as connection:
        rows = connection.execute(
            select(table)
            .where(*conditions)
            .order_by(table.c.date_start.desc(), table.c.pk.desc())
            .limit(size + 1)
        ).all()
    items = [{"id": row.pk, **row.summary} for row in rows[:size]]
    following = (
        encode_cursor([rows[size - 1].date_start, rows[size - 1].pk]) if len(rows) > size else None
    )
    return Page(items, following)


def search(
    store: Store,
    query: str,
    *,
    limit: int | None = None,
    cursor: str | None = None,
    all_versions: bool = False,
) -> Page:
    """Articles whose title or text match, best match first, with a highlighted snippet.

    The cursor holds an offset: ranking has no stable key to page on.
    """
    size = _limit(limit)
    offset = int(decode_cursor(cursor)[0]) if cursor else 0
    current = "" if all_versions else "AND a.current"
    with store.connect() as connection:
        if connection.dialect.name == "sqlite":
            statement = text(
                "SELECT a.pk, a.id, a.url, a.title, a.outlet, a.published, a.version, "
                "snippet(articles_fts, 1, '[', ']', ' … ', 16) AS snippet, "
                "bm25(articles_fts) AS score "
                "FROM articles_fts JOIN articles a ON a.pk = articles_fts.rowid "
                f"WHERE articles_fts MATCH :q {current} "
                "ORDER BY score, a.pk LIMIT :n OFFSET :o"
            ).bindparams(q=sqlite_match(query), n=size + 1, o=offset)
        else:
            statement = text(
                "SELECT a.pk, a.id, a.url, a.title, a.outlet, a.published, a.version, "
                "ts_headline('english', a.text, q, 'StartSel=[,StopSel=],MaxFragments=1,"
                "MaxWords=24,MinWords=8') AS snippet, -ts_rank(a.search, q) AS score "
                "FROM articles a, plainto_tsquery('english', :q) q "
                f"WHERE a.search @@ q {current} ORDER BY score, a.pk LIMIT :n OFFSET :o"
            ).bindparams(q=query, n=size + 1, o=offset)
        rows = connection.execute(statement).all()
    items = [
        {
            "article_id": row.id,
            "url": row.url,
            "title": row.title,
            "outlet": row.outlet,
            "published": row.published,
            "version": row.version,
            "snippet": row.snippet,
            "score": -float(row.score),
        }
        for row in rows[:size]
    ]
    following = encode_cursor([offset + size]) if len(rows) > size else None
    return Page(items, following)


def failures(
    store: Store,
    *,
    include_resolved: bool = False,
    limit: int | None = None,
    cursor: str | None = None,
) -> Page:
    """Items that could not be read, processed or stored, with their errors."""
    table = schema.failures
    size = _limit(limit)
    conditions: list[ColumnElement[bool]] = []
    if not include_resolved:
        conditions.append(table.c.resolved.is_(False))
    if cursor:
        conditions.append(table.c.pk > int(decode_cursor(cursor)[0]))
    with store.connect() as connection:
        rows = connection.execute(
            select(table).where(*conditions).order_by(table.c.pk).limit(size + 1)
        ).all()
    items = [
        {
            "id": row.pk,
            "source": row.source,
            "problem": row.problem,
            "stage": row.stage,
            "attempts": row.attempts,
            "first_seen": row.first_seen,
            "last_seen": row.last_seen,
            "resolved": bool(row.resolved),
        }
        for row in rows[:size]
    ]
    following = encode_cursor([rows[size - 1].pk]) if len(rows) > size else None
    return Page(items, following)


@dataclass
class ArticleSummary:
    pk: int
    id: str
    url: str | None
    title: str | None
    outlet: str | None
    published: str | None
    version: int
    current: bool
    extra: dict[str, Any] = field(default_factory=dict)


def article_summary_columns() -> list[Any]:
    """The articles columns an ``ArticleSummary`` is made of (list pages select these)."""
    table = schema.articles
    return [
        table.c.pk,
        table.c.id,
        table.c.url,
        table.c.title,
        table.c.outlet,
        table.c.published,
        table.c.version,
        table.c.current,
    ]


def article_versions(store: Store, url: str) -> list[ArticleSummary]:
    """Every stored version of the article at ``url``, oldest first."""
    table = schema.articles
    with store.connect() as connection:
        rows = connection.execute(
            select(*article_summary_columns()).where(table.c.url == url).order_by(table.c.version)
        ).all()
    return [
        ArticleSummary(
            row.pk,
            row.id,
            row.url,
            row.title,
            row.outlet,
            row.published,
            row.version,
            bool(row.current),
        )
        for row in rows
    ]
