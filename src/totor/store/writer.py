"""Write article records into the store, one transaction per batch (the caller's)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import func, select, update
from sqlalchemy.engine import Connection

from totor.model import Article, Place, Time, article_id
from totor.store import schema

WriteOutcome = Literal["new", "version", "skipped"]

#: item lists kept in ``articles.record`` (the text has its own column)
_RECORD_FIELDS = ("entities", "places", "times", "figures", "claims", "events", "labels")


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def norm(text: str | None) -> str | None:
    """The form names are matched in: case-folded, spaces collapsed."""
    if text is None:
        return None
    return " ".join(text.casefold().split())


def content_hash(text: str) -> str:
    return article_id(text)


def known_hashes(connection: Connection, hashes: Iterable[str]) -> set[str]:
    """Which of these content hashes are already stored."""
    wanted = list(set(hashes))
    found: set[str] = set()
    for start in range(0, len(wanted), 500):  # stay under bind-parameter limits
        chunk = wanted[start : start + 500]
        found.update(
            connection.scalars(
                select(schema.articles.c.content_hash).where(
                    schema.articles.c.content_hash.in_(chunk)
                )
            )
        )
    return found


def _previous_version(connection: Connection, article: Article, digest: str) -> Any:
    """The current row this article replaces: same URL, or same input-given id."""
    articles = schema.articles
    if article.url:
        condition = articles.c.url == article.url
    elif article.id != digest:  # an id the input gave, not a hash of the text
        condition = articles.c.id == article.id
    else:
        return None
    return connection.execute(
        select(articles.c.pk, articles.c.version)
        .where(condition, articles.c.current.is_(True))
        .order_by(articles.c.version.desc())
        .limit(1)
    ).first()


def _day(value: str | None) -> str | None:
    return value[:10] if value and len(value) >= 10 and value[4] == "-" else None


def write_article(
    connection: Connection, article: Article, source: str | None = None
) -> WriteOutcome:
    """Store one record; a text already stored is skipped, a changed URL is a new version."""
    digest = content_hash(article.text)
    exists = connection.scalar(
        select(schema.articles.c.pk).where(schema.articles.c.content_hash == digest)
    )
    if exists is not None:
        return "skipped"
    previous = _previous_version(connection, article, digest)
    version = 1
    if previous is not None:
        version = previous.version + 1
        for table in (schema.articles, schema.events, schema.figures):
            key = table.c.pk if table is schema.articles else table.c.article_pk
            connection.execute(update(table).where(key == previous.pk).values(current=False))
    record = article.model_dump(mode="json", include=set(_RECORD_FIELDS))
    article_pk = connection.execute(
        schema.articles.insert()
        .values(
            id=article.id,
            content_hash=digest,
            url=article.url,
            outlet=article.outlet,
            title=article.title,
            published=article.published,
            published_date=_day(article.published),
            language=article.language,
            text=article.text,
            version=version,
            current=True,
            supersedes=previous.pk if previous is not None else None,
            source=source,
            ingested_at=now_iso(),
            record=record,
        )
        .returning(schema.articles.c.pk)
    ).scalar_one()
    _write_items(connection, article, article_pk)
    return "new" if previous is None else "version"


def _write_items(connection: Connection, article: Article, article_pk: int) -> None:
    text = article.text
    entities = {entity.id: entity for entity in article.entities}
    places = {place.id: place for place in article.places}
    times = {time.id: time for time in article.times}
    claims = {claim.id: claim for claim in article.claims}
    published_day = _day(article.published) or ""

    def entity_name(key: str | None) -> str | None:
        return entities[key].name if key in entities else None

    def speaker_of(key: str | None) -> str | None:
        if key not in claims:
            return None
        claim = claims[key]
        return entity_name(claim.speaker_entity) or claim.speaker

    def place_columns(key: str | None) -> dict[str, Any]:
        place: Place | None = places.get(key) if key else None
        if place is None:
            return {
                "place_name": None,
                "place_norm": None,
                "geonameid": None,
                "lat": None,
                "lon": None,
                "country": None,
                "admin1": None,
            }
        return {
            "place_name": place.name,
            "place_norm": norm(place.name),
            "geonameid": place.geonameid,
            "lat": place.lat,
            "lon": place.lon,
            "country": place.country,
            "admin1": place.admin1,
        }

    def day_of(key: str | None) -> tuple[str, str | None]:
        time: Time | None = times.get(key) if key else None
        if time is not None and _day(time.start):
            return _day(time.start) or "", _day(time.end)
        return published_day, None

    rows: dict[Any, list[dict[str, Any]]] = {table: [] for table in schema.ITEM_TABLES}
    for entity in article.entities:
        rows[schema.entities].append(
            {
                "article_pk": article_pk,
                "key": entity.id,
                "name": entity.name,
                "name_norm": norm(entity.name),
                "kind": entity.kind,
                "country": entity.country,
                "aliases": entity.aliases,
                "mentions": [list(m) for m in entity.mentions],
            }
        )
    for place in article.places:
        rows[schema.places].append(
            {
                "article_pk": article_pk,
                "key": place.id,
                "name": place.name,
                "name_norm": norm(place.name),
                "geonameid": place.geonameid,
                "lat": place.lat,
                "lon": place.lon,
                "country": place.country,
                "admin1": place.admin1,
                "feature": place.feature,
                "confidence": place.confidence,
                "mentions": [list(m) for m in place.mentions],
            }
        )
    for claim in article.claims:
        rows[schema.claims].append(
            {
                "article_pk": article_pk,
                "key": claim.id,
                "speaker": claim.speaker,
                "speaker_entity": claim.speaker_entity,
                "speaker_name": entity_name(claim.speaker_entity) or claim.speaker,
                "cue": claim.cue,
                "kind": claim.kind,
                "content_start": claim.content[0],
                "content_end": claim.content[1],
                "content_text": text[claim.content[0] : claim.content[1]],
                "span_start": claim.span[0],
                "span_end": claim.span[1],
            }
        )
    for figure in article.figures:
        date, _ = day_of(figure.time)
        rows[schema.figures].append(
            {
                "article_pk": article_pk,
                "key": figure.id,
                "value": figure.value,
                "low": figure.low,
                "high": figure.high,
                "approx": figure.approx,
                "unit": figure.unit,
                "measure": figure.measure,
                "subject": figure.subject,
                "subject_name": entity_name(figure.subject_entity),
                **place_columns(figure.place),
                "date": date,
                "claim_key": figure.claim,
                "speaker": speaker_of(figure.claim),
                "outlet": article.outlet,
                "span_start": figure.span[0],
                "span_end": figure.span[1],
                "quote": text[figure.span[0] : figure.span[1]],
                "current": True,
            }
        )
    for label in article.labels:
        rows[schema.labels].append(
            {
                "article_pk": article_pk,
                "key": label.id,
                "term": label.term,
                "term_norm": norm(label.term),
                "refers_to": label.refers_to,
                "refers_to_name": entity_name(label.refers_to),
                "claim_key": label.claim,
                "speaker": speaker_of(label.claim),
                "span_start": label.span[0],
                "span_end": label.span[1],
            }
        )
    for table in (schema.entities, schema.places, schema.claims, schema.figures, schema.labels):
        if rows[table]:
            connection.execute(table.insert(), rows[table])
    _write_events(connection, article, article_pk, place_columns, day_of, speaker_of)


def _write_events(
    connection: Connection,
    article: Article,
    article_pk: int,
    place_columns: Any,
    day_of: Any,
    speaker_of: Any,
) -> None:
    entities = {entity.id: entity for entity in article.entities}
    places = {place.id: place for place in article.places}
    text = article.text
    for event in article.events:
        date, date_end = day_of(event.time)
        place = places.get(event.place) if event.place else None
        actors = [entities[k] for k in event.actor if k in entities]
        targets = [entities[k] for k in event.target if k in entities]
        event_pk = connection.execute(
            schema.events.insert()
            .values(
                article_pk=article_pk,
                key=event.id,
                type=event.type,
                mode=event.mode,
                status=event.status,
                confidence=event.confidence,
                date=date,
                date_end=date_end,
                outlet=article.outlet,
                **place_columns(event.place),
                feature=place.feature if place else None,
                actors=[e.name for e in actors],
                targets=[e.name for e in targets],
                figure_keys=list(event.figures),
                claim_key=event.claim,
                speaker=speaker_of(event.claim),
                trigger_text=text[event.trigger[0] : event.trigger[1]],
                trigger_start=event.trigger[0],
                trigger_end=event.trigger[1],
                span_start=event.span[0],
                span_end=event.span[1],
                evidence=text[event.span[0] : event.span[1]],
                current=True,
            )
            .returning(schema.events.c.pk)
        ).scalar_one()
        actor_rows = {
            (role, norm(entity.name)): {
                "event_pk": event_pk,
                "role": role,
                "name_norm": norm(entity.name),
                "kind": entity.kind,
                "country": entity.country,
            }
            for role, group in (("actor", actors), ("target", targets))
            for entity in group
        }
        if actor_rows:
            connection.execute(schema.event_actors.insert(), list(actor_rows.values()))


def record_failure(connection: Connection, source: str, problem: str, stage: str) -> None:
    """Keep a failed item with its error; a repeat of the same failure counts an attempt."""
    failures = schema.failures
    stamp = now_iso()
    updated = connection.execute(
        update(failures)
        .where(failures.c.source == source, failures.c.problem == problem)
        .values(attempts=failures.c.attempts + 1, last_seen=stamp)
    )
    if updated.rowcount == 0:
        connection.execute(
            failures.insert().values(
                source=source,
                problem=problem,
                stage=stage,
                attempts=1,
                first_seen=stamp,
                last_seen=stamp,
                resolved=False,
            )
        )


def mark_resolved(connection: Connection, source: str) -> None:
    """A source that now went through is no longer an open failure."""
    connection.execute(
        update(schema.failures)
        .where(schema.failures.c.source == source, schema.failures.c.resolved.is_(False))
        .values(resolved=True)
    )


def load_article(connection: Connection, article_pk: int) -> Article | None:
    """The record as it was stored."""
    row = connection.execute(
        select(schema.articles).where(schema.articles.c.pk == article_pk)
    ).first()
    if row is None:
        return None
    return Article(
        id=row.id,
        url=row.url,
        outlet=row.outlet,
        title=row.title,
        published=row.published,
        language=row.language,
        text=row.text,
        **row.record,
    )


def article_count(connection: Connection) -> int:
    return int(connection.scalar(select(func.count()).select_from(schema.articles)) or 0)
