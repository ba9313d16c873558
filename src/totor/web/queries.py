"""Store reads the web UI needs beyond ``totor.store.queries``.

SQLAlchemy Core only, every value a bound parameter. Lists page by keyset like the store's
own queries and return the same :class:`~totor.store.queries.Page`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, tuple_
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from totor.model import Article
from totor.store import schema
from totor.store.core import Store
from totor.store.queries import (
    EventFilters,
    Page,
    article_summary_columns,
    decode_cursor,
    encode_cursor,
    event_conditions,
    event_dict,
    fts_query,
)
from totor.store.writer import load_article, norm

DEFAULT_LIMIT = 50
MAX_LIMIT = 1000


def page_size(limit: int | None) -> int:
    return max(1, min(limit or DEFAULT_LIMIT, MAX_LIMIT))


def _cursor_pair(cursor: str | None) -> tuple[str, int] | None:
    """(date, pk) from a cursor; ValueError for anything else."""
    if not cursor:
        return None
    values = decode_cursor(cursor)
    if len(values) != 2 or not isinstance(values[0], str) or not isinstance(values[1], int):
        raise ValueError(f"bad cursor: {cursor!r}")
    return values[0], values[1]


def check_cursor(cursor: str | None) -> None:
    """Reject a malformed cursor before the store's queries unpack it."""
    _cursor_pair(cursor)


# ---------------------------------------------------------------- articles


@dataclass
class ArticleFilters:
    outlet: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    text: str | None = None
    all_versions: bool = False


def articles(
    store: Store, filters: ArticleFilters, *, limit: int | None = None, cursor: str | None = None
) -> Page:
    """Article summaries (no text), newest publication date first."""
    table = schema.articles
    size = page_size(limit)
    day = func.coalesce(table.c.published_date, "")
    conditions: list[ColumnElement[bool]] = []
    if not filters.all_versions:
        conditions.append(table.c.current.is_(True))
    if filters.outlet:
        conditions.append(table.c.outlet == filters.outlet)
    if filters.date_from:
        conditions.append(table.c.published_date >= filters.date_from[:10])
    if filters.date_to:
        conditions.append(table.c.published_date <= filters.date_to[:10])
    after = _cursor_pair(cursor)
    if after is not None:
        conditions.append(tuple_(day, table.c.pk) < tuple_(*after))
    counts = (
        select(schema.events.c.article_pk, func.count().label("n_events"))
        .group_by(schema.events.c.article_pk)
        .subquery()
    )
    with store.connect() as connection:
        if filters.text:
            conditions.append(table.c.pk.in_(fts_query(connection, filters.text)))
        rows = connection.execute(
            select(
                *article_summary_columns(),
                day.label("day"),
                func.coalesce(counts.c.n_events, 0).label("n_events"),
            )
            .outerjoin(counts, counts.c.article_pk == table.c.pk)
            .where(*conditions)
            .order_by(day.desc(), table.c.pk.desc())
            .limit(size + 1)
        ).all()
    items = [
        {
            "id": row.id,
            "url": row.url,
            "title": row.title,
            "outlet": row.outlet,
            "published": row.published,
            "version": row.version,
            "current": bool(row.current),
            "n_events": int(row.n_events),
        }
        for row in rows[:size]
    ]
    following = encode_cursor([rows[size - 1].day, rows[size - 1].pk]) if len(rows) > size else None
    return Page(items, following)


@dataclass
class StoredArticle:
    """An article record with the store's keys of its events (record key -> event pk)."""

    pk: int
    record: Article
    event_pks: dict[str, int]
    version: int
    current: bool


def article(store: Store, article_id: str) -> StoredArticle | None:
    """The current (else newest) version of an article by id or content hash."""
    table = schema.articles
    with store.connect() as connection:
        row = connection.execute(
            select(table.c.pk, table.c.version, table.c.current)
            .where((table.c.id == article_id) | (table.c.content_hash == article_id))
            .order_by(table.c.current.desc(), table.c.version.desc())
            .limit(1)
        ).first()
        if row is None:
            return None
        record = load_article(connection, row.pk)
        if record is None:
            return None
        keys = connection.execute(
            select(schema.events.c.key, schema.events.c.pk).where(
                schema.events.c.article_pk == row.pk
            )
        ).all()
    return StoredArticle(row.pk, record, {key: pk for key, pk in keys}, row.version, row.current)


# ---------------------------------------------------------------- events


def event(store: Store, event_pk: int) -> dict[str, Any] | None:
    """One event as the events list shows it, plus the clusters it belongs to."""
    events, articles = schema.events, schema.articles
    with store.connect() as connection:
        row = connection.execute(select(events).where(events.c.pk == event_pk)).first()
        if row is None:
            return None
        info = connection.execute(
            select(
                articles.c.id,
                articles.c.url,
                articles.c.title,
                articles.c.published,
                articles.c.version,
            ).where(articles.c.pk == row.article_pk)
        ).first()
        cluster_pks = list(
            connection.scalars(
                select(schema.cluster_events.c.cluster_pk).where(
                    schema.cluster_events.c.event_pk == event_pk
                )
            )
        )
    article_info = (
        {
            "article_id": info.id,
            "url": info.url,
            "title": info.title,
            "published": info.published,
            "version": info.version,
        }
        if info is not None
        else {}
    )
    result = event_dict(row, article_info)
    result["trigger_span"] = [row.trigger_start, row.trigger_end]
    result["clusters"] = cluster_pks
    return result


def timeline(store: Store, filters: EventFilters) -> list[tuple[str, int]]:
    """Events per day (dated events only), oldest day first."""
    table = schema.events
    with store.connect() as connection:
        conditions = [*event_conditions(connection, filters), table.c.date != ""]
        rows = connection.execute(
            select(table.c.date, func.count())
            .where(*conditions)
            .group_by(table.c.date)
            .order_by(table.c.date)
        ).all()
    return [(date, int(count)) for date, count in rows]


@dataclass
class MapPoint:
    lat: float
    lon: float
    place: str
    count: int


def map_points(store: Store, filters: EventFilters, limit: int = 2000) -> list[MapPoint]:
    """Located events grouped by coordinates, the most frequent places first."""
    table = schema.events
    with store.connect() as connection:
        conditions = [
            *event_conditions(connection, filters),
            table.c.lat.is_not(None),
            table.c.lon.is_not(None),
        ]
        count = func.count().label("n")
        rows = connection.execute(
            select(table.c.lat, table.c.lon, func.min(table.c.place_name).label("place"), count)
            .where(*conditions)
            .group_by(table.c.lat, table.c.lon)
            .order_by(count.desc())
            .limit(limit)
        ).all()
    return [MapPoint(row.lat, row.lon, row.place or "", int(row.n)) for row in rows]


def facet(store: Store, column: str, limit: int = 200) -> list[str]:
    """Distinct values of an events column (types, outlets, statuses) for filter menus."""
    table = schema.events
    with store.connect() as connection:
        return [
            value
            for value in connection.scalars(
                select(table.c[column])
                .where(table.c.current.is_(True), table.c[column].is_not(None))
                .group_by(table.c[column])
                .order_by(func.count().desc())
                .limit(limit)
            )
            if value
        ]


# ---------------------------------------------------------------- claims


@dataclass
class ClaimFilters:
    speaker: str | None = None  # canonical or surface name, case-insensitive
    outlet: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    text: str | None = None  # full-text query over the article
    article: str | None = None
    all_versions: bool = False


def claims(
    store: Store, filters: ClaimFilters, *, limit: int | None = None, cursor: str | None = None
) -> Page:
    """Who said what, newest claim (highest key) first."""
    table, articles = schema.claims, schema.articles
    size = page_size(limit)
    conditions: list[ColumnElement[bool]] = []
    if not filters.all_versions:
        conditions.append(articles.c.current.is_(True))
    if filters.speaker:
        speaker = norm(filters.speaker)
        conditions.append(
            (func.lower(table.c.speaker_name) == speaker) | (func.lower(table.c.speaker) == speaker)
        )
    if filters.outlet:
        conditions.append(articles.c.outlet == filters.outlet)
    if filters.date_from:
        conditions.append(articles.c.published_date >= filters.date_from[:10])
    if filters.date_to:
        conditions.append(articles.c.published_date <= filters.date_to[:10])
    if filters.article:
        conditions.append(articles.c.id == filters.article)
    if cursor:
        values = decode_cursor(cursor)
        if len(values) != 1 or not isinstance(values[0], int):
            raise ValueError(f"bad cursor: {cursor!r}")
        conditions.append(table.c.pk < values[0])
    with store.connect() as connection:
        if filters.text:
            conditions.append(table.c.article_pk.in_(fts_query(connection, filters.text)))
        rows = connection.execute(
            select(
                table,
                articles.c.id.label("article_id"),
                articles.c.outlet,
                articles.c.published,
                articles.c.title,
                articles.c.url,
            )
            .join(articles, articles.c.pk == table.c.article_pk)
            .where(*conditions)
            .order_by(table.c.pk.desc())
            .limit(size + 1)
        ).all()
    items = [
        {
            "id": row.pk,
            "key": row.key,
            "article_id": row.article_id,
            "title": row.title,
            "url": row.url,
            "outlet": row.outlet,
            "published": row.published,
            "speaker": row.speaker,
            "speaker_entity": row.speaker_name,
            "cue": row.cue,
            "kind": row.kind,
            "content": row.content_text,
            "span": [row.span_start, row.span_end],
        }
        for row in rows[:size]
    ]
    following = encode_cursor([rows[size - 1].pk]) if len(rows) > size else None
    return Page(items, following)


# ---------------------------------------------------------------- clusters


def cluster(store: Store, cluster_pk: int) -> dict[str, Any] | None:
    table = schema.clusters
    with store.connect() as connection:
        row = connection.execute(select(table).where(table.c.pk == cluster_pk)).first()
    return {"id": row.pk, **row.summary} if row is not None else None


def outlets(connection: Connection) -> list[str]:
    table = schema.articles
    return [
        value
        for value in connection.scalars(
            select(table.c.outlet)
            .where(table.c.outlet.is_not(None), table.c.current.is_(True))
            .group_by(table.c.outlet)
            .order_by(table.c.outlet)
            .limit(500)
        )
        if value
    ]
