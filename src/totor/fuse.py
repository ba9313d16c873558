"""Fusion: one incident reported by many sources becomes one cluster; counts become series.

Two stored events join the same cluster when (all thresholds in :class:`FuseOptions`):

* their PLOVER types are compatible (``store/data/fuse_types.json``),
* their dates are within ``date_window_days`` of each other,
* their places are within ``distance_km`` (or, lacking coordinates, in the same country),
* their actors and targets overlap, when both events name any,
* and at least one of place or actors actually matched (two bare events never fuse).

Clusters are the connected components of that relation (union-find), kept when they span
``min_articles`` articles. Each cluster lists every article, outlet and *account*: what one
source (a quoted speaker, or the outlet itself) says, with its figures and the labels it
uses, so "20 terrorists killed" per the army sits beside "20 Palestinians killed" per health
officials.

A figure series is the same measure for the same place and population across sources and
time: a death toll rising over days, by source.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date as Date
from functools import cache
from importlib import resources
from typing import Any

from sqlalchemy import delete, select

from totor.model import Article
from totor.store import schema
from totor.store.core import Store
from totor.store.writer import load_article, norm

FUSED_AT = "fused_at"


@dataclass(frozen=True)
class FuseOptions:
    """Thresholds for deciding that two events are one incident."""

    date_window_days: int = 3
    distance_km: float = 75.0
    require_actor_overlap: bool = True
    #: an event with no place and no actors can only fuse on type and date: off by default
    allow_bare: bool = False
    min_articles: int = 2
    statuses: tuple[str, ...] = ("asserted", "claimed", "denied")
    #: PLOVER type groups; None reads store/data/fuse_types.json
    compatible: tuple[tuple[str, ...], ...] | None = None
    #: figure series: how places are grouped ("place", "admin1" or "country")
    series_place_level: str = "admin1"
    #: figure series: keep populations apart ("soldiers" vs "passengers") or pool them
    series_by_population: bool = True


@cache
def _default_groups() -> tuple[tuple[str, ...], ...]:
    data = json.loads(
        resources.files("totor.store").joinpath("data/fuse_types.json").read_text("utf-8")
    )
    return tuple(tuple(group) for group in data["compatible"])


def type_groups(options: FuseOptions) -> dict[str, set[str]]:
    """For each type, the types it may fuse with (itself included)."""
    groups = options.compatible if options.compatible is not None else _default_groups()
    compatible: dict[str, set[str]] = defaultdict(set)
    for group in groups:
        for member in group:
            compatible[member].update(group)
    return compatible


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlam = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlam / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, a)))


@dataclass
class _Event:
    pk: int
    article_pk: int
    type: str
    day: int  # proleptic ordinal of the date
    lat: float | None
    lon: float | None
    country: str | None
    names: frozenset[str]


def _place_match(a: _Event, b: _Event, options: FuseOptions) -> bool | None:
    """True / False when places can be compared, None when one side has none."""
    if a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None:
        return haversine_km(a.lat, a.lon, b.lat, b.lon) <= options.distance_km
    if a.country and b.country:
        return a.country == b.country
    return None


def same_incident(
    a: _Event, b: _Event, options: FuseOptions, compatible: dict[str, set[str]]
) -> bool:
    if b.type not in compatible.get(a.type, {a.type}):
        return False
    if abs(a.day - b.day) > options.date_window_days:
        return False
    place = _place_match(a, b, options)
    if place is False:
        return False
    actors: bool | None = None
    if a.names and b.names:
        actors = bool(a.names & b.names)
        if options.require_actor_overlap and not actors:
            return False
    if place is None and actors is None:
        return options.allow_bare
    return True


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, item: int) -> int:
        self.parent.setdefault(item, item)
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:  # path compression
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: int, b: int) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.parent[max(root_a, root_b)] = min(root_a, root_b)


def _load_events(store: Store, options: FuseOptions) -> list[_Event]:
    events = schema.events
    with store.connect() as connection:
        rows = connection.execute(
            select(
                events.c.pk,
                events.c.article_pk,
                events.c.type,
                events.c.date,
                events.c.lat,
                events.c.lon,
                events.c.country,
                events.c.actors,
                events.c.targets,
            ).where(
                events.c.current.is_(True),
                events.c.date != "",
                events.c.status.in_(options.statuses),
            )
        ).all()
    loaded = []
    for row in rows:
        try:
            day = Date.fromisoformat(row.date).toordinal()
        except ValueError:
            continue
        names = frozenset(filter(None, (norm(n) for n in [*row.actors, *row.targets])))
        loaded.append(
            _Event(row.pk, row.article_pk, row.type, day, row.lat, row.lon, row.country, names)
        )
    return loaded


def find_clusters(events: list[_Event], options: FuseOptions) -> list[list[_Event]]:
    """Connected components of ``same_incident`` among events, via a date-sorted sweep."""
    compatible = type_groups(options)
    ordered = sorted(events, key=lambda event: event.day)
    union = _UnionFind()
    start = 0
    for index, event in enumerate(ordered):
        while ordered[start].day < event.day - options.date_window_days:
            start += 1
        for earlier in ordered[start:index]:
            if union.find(earlier.pk) == union.find(event.pk):
                continue
            if same_incident(earlier, event, options, compatible):
                union.union(earlier.pk, event.pk)
    groups: dict[int, list[_Event]] = defaultdict(list)
    for event in ordered:
        groups[union.find(event.pk)].append(event)
    return [
        members
        for members in groups.values()
        if len({member.article_pk for member in members}) >= options.min_articles
    ]


def _figure_text(figure: dict[str, Any]) -> str:
    value = figure.get("value")
    if value is None:
        value = figure.get("low")
    number = "?" if value is None else f"{value:g}"
    if figure.get("low") is not None and figure.get("value") is None and not figure.get("high"):
        number = f"more than {number}"
    subject = figure.get("subject") or ""
    return " ".join(part for part in (number, subject, figure.get("measure")) if part)


def _accounts(article: Article, event_keys: set[str]) -> list[dict[str, Any]]:
    """What each source in one article says about the clustered events."""
    entities = {entity.id: entity for entity in article.entities}
    claims = {claim.id: claim for claim in article.claims}

    def source_of(claim_key: str | None) -> tuple[str, str | None]:
        if claim_key and claim_key in claims:
            claim = claims[claim_key]
            speaker = (
                entities[claim.speaker_entity].name
                if claim.speaker_entity in entities
                else claim.speaker
            )
            return speaker, claim.cue
        return article.outlet or "(outlet)", None

    events = [event for event in article.events if event.id in event_keys]
    figure_keys = {key for event in events for key in event.figures}
    actor_keys = {key for event in events for key in [*event.actor, *event.target]}
    accounts: dict[str, dict[str, Any]] = {}

    def account(claim_key: str | None) -> dict[str, Any]:
        source, cue = source_of(claim_key)
        if source not in accounts:
            accounts[source] = {
                "source": source,
                "cue": cue,
                "outlet": article.outlet,
                "article_id": article.id,
                "url": article.url,
                "published": article.published,
                "events": [],
                "figures": [],
                "labels": [],
            }
        return accounts[source]

    for event in events:
        account(event.claim)["events"].append(
            {
                "type": event.type,
                "status": event.status,
                "mode": event.mode,
                "evidence": article.quote(event.span),
            }
        )
    for figure in article.figures:
        if figure.id not in figure_keys:
            continue
        item = figure.model_dump(include={"measure", "value", "low", "high", "approx", "subject"})
        item["quote"] = article.quote(figure.span)
        item["text"] = _figure_text(item)
        account(figure.claim)["figures"].append(item)
    for label in article.labels:
        if label.refers_to in actor_keys or any(
            event.span[0] <= label.span[0] < event.span[1] for event in events
        ):
            labels = account(label.claim)["labels"]
            if label.term not in labels:
                labels.append(label.term)
    return list(accounts.values())


def summarise(store: Store, members: list[_Event]) -> dict[str, Any]:
    """The cluster as stored and shown: articles, outlets, accounts, figure ranges."""
    event_pks = [member.pk for member in members]
    events = schema.events
    with store.connect() as connection:
        rows = connection.execute(select(events).where(events.c.pk.in_(event_pks))).all()
        by_article: dict[int, set[str]] = defaultdict(set)
        for row in rows:
            by_article[row.article_pk].add(row.key)
        articles = {pk: load_article(connection, pk) for pk in by_article}
    dates = sorted(row.date for row in rows)
    types: dict[str, int] = defaultdict(int)
    for row in rows:
        types[row.type] += 1
    located = [row for row in rows if row.lat is not None]
    place = max(located, key=lambda row: (row.feature != "country", row.pk), default=None)
    accounts: list[dict[str, Any]] = []
    article_list = []
    for article_pk, keys in by_article.items():
        article = articles[article_pk]
        if article is None:
            continue
        article_list.append(
            {
                "article_id": article.id,
                "url": article.url,
                "title": article.title,
                "outlet": article.outlet,
                "published": article.published,
            }
        )
        accounts.extend(_accounts(article, keys))
    article_list.sort(key=lambda item: item["published"] or "")
    accounts.sort(key=lambda item: (item["published"] or "", item["source"]))
    tolls: dict[str, list[float]] = defaultdict(list)
    for account in accounts:
        for figure in account["figures"]:
            value = figure["low"] if figure["low"] is not None else figure["value"]
            if value is not None:
                tolls[figure["measure"]].append(value)
    return {
        "type": max(types, key=lambda name: types[name]),
        "types": dict(types),
        "date_start": dates[0],
        "date_end": dates[-1],
        "place": {
            "name": place.place_name,
            "lat": place.lat,
            "lon": place.lon,
            "country": place.country,
            "admin1": place.admin1,
        }
        if place
        else None,
        "events": sorted(event_pks),
        "articles": article_list,
        "outlets": sorted({a["outlet"] for a in article_list if a["outlet"]}),
        "accounts": accounts,
        "figures": {m: {"min": min(v), "max": max(v), "n": len(v)} for m, v in tolls.items()},
    }


def fuse(store: Store, options: FuseOptions | None = None) -> int:
    """Recompute every cluster of the store; returns how many were stored."""
    options = options or FuseOptions()
    found = find_clusters(_load_events(store, options), options)
    summaries = [summarise(store, members) for members in found]
    with store.begin() as connection:
        connection.execute(delete(schema.cluster_events))
        connection.execute(delete(schema.clusters))
        for summary in summaries:
            place = summary["place"] or {}
            cluster_pk = connection.execute(
                schema.clusters.insert()
                .values(
                    type=summary["type"],
                    date_start=summary["date_start"],
                    date_end=summary["date_end"],
                    place_name=place.get("name"),
                    lat=place.get("lat"),
                    lon=place.get("lon"),
                    country=place.get("country"),
                    n_events=len(summary["events"]),
                    n_articles=len(summary["articles"]),
                    n_outlets=len(summary["outlets"]),
                    summary=summary,
                )
                .returning(schema.clusters.c.pk)
            ).scalar_one()
            connection.execute(
                schema.cluster_events.insert(),
                [{"cluster_pk": cluster_pk, "event_pk": pk} for pk in summary["events"]],
            )
        stamp = connection.scalar(
            select(schema.articles.c.pk).order_by(schema.articles.c.pk.desc()).limit(1)
        )
        store.set_meta(connection, FUSED_AT, str(stamp or 0))
    return len(summaries)


def clusters_stale(store: Store) -> bool:
    """True when articles were stored since the clusters were last computed."""
    with store.connect() as connection:
        newest = connection.scalar(
            select(schema.articles.c.pk).order_by(schema.articles.c.pk.desc()).limit(1)
        )
    return store.get_meta(FUSED_AT) != str(newest or 0)


# ---------------------------------------------------------------- figure series


@dataclass
class SeriesPoint:
    date: str | None
    published: str | None
    value: float | None
    low: float | None
    high: float | None
    source: str
    outlet: str | None
    article_id: str
    quote: str


@dataclass
class FigureSeries:
    measure: str
    place: str
    population: str | None
    points: list[SeriesPoint] = field(default_factory=list)

    @property
    def sources(self) -> list[str]:
        return sorted({point.source for point in self.points})

    def to_dict(self) -> dict[str, Any]:
        return {
            "measure": self.measure,
            "place": self.place,
            "population": self.population,
            "sources": self.sources,
            "points": [point.__dict__ for point in self.points],
        }


def population_key(subject: str, subject_entity: str | None) -> str | None:
    """What is counted, reduced to a key: the entity, else the subject's head word."""
    if subject_entity:
        return norm(subject_entity)
    words = [word for word in (norm(subject) or "").split() if word.isalpha()]
    if not words:
        return None
    head = words[-1]
    return head[:-1] if head.endswith("s") and len(head) > 3 else head


def _place_key(level: str, name: str | None, admin1: str | None, country: str | None) -> str | None:
    if level == "country":
        return country
    if level == "admin1" and admin1:
        return f"{country or ''}/{admin1}"
    return norm(name) or (country if level != "place" else None)


def figure_series(
    store: Store,
    options: FuseOptions | None = None,
    measures: Iterable[str] | None = None,
    min_points: int = 2,
) -> list[FigureSeries]:
    """Series of the same measure, place and population across articles, oldest first."""
    options = options or FuseOptions()
    figures, articles, events = schema.figures, schema.articles, schema.events
    conditions = [
        figures.c.current.is_(True),
        figures.c.value.is_not(None) | figures.c.low.is_not(None),
    ]
    if measures:
        conditions.append(figures.c.measure.in_(list(measures)))
    with store.connect() as connection:
        rows = connection.execute(
            select(figures, articles.c.id.label("article_id"), articles.c.published)
            .join(articles, articles.c.pk == figures.c.article_pk)
            .where(*conditions)
        ).all()
        # a figure with no place of its own takes the place of an event that reports it
        event_places: dict[tuple[int, str], tuple[str | None, str | None, str | None]] = {}
        for event in connection.execute(
            select(
                events.c.article_pk,
                events.c.figure_keys,
                events.c.place_name,
                events.c.admin1,
                events.c.country,
            ).where(events.c.current.is_(True), events.c.place_name.is_not(None))
        ):
            for key in event.figure_keys:
                event_places.setdefault(
                    (event.article_pk, key), (event.place_name, event.admin1, event.country)
                )
    grouped: dict[tuple[str, str, str | None], FigureSeries] = {}
    for row in rows:
        name, admin1, country = row.place_name, row.admin1, row.country
        if name is None:
            name, admin1, country = event_places.get((row.article_pk, row.key), (None, None, None))
        place = _place_key(options.series_place_level, name, admin1, country)
        if place is None:
            continue
        population = (
            population_key(row.subject, row.subject_name) if options.series_by_population else None
        )
        key = (row.measure, place, population)
        series = grouped.setdefault(key, FigureSeries(row.measure, place, population))
        series.points.append(
            SeriesPoint(
                date=row.date or None,
                published=row.published,
                value=row.value,
                low=row.low,
                high=row.high,
                source=row.speaker or row.outlet or "(outlet)",
                outlet=row.outlet,
                article_id=row.article_id,
                quote=row.quote,
            )
        )
    result = []
    for series in grouped.values():
        if (
            len({point.article_id for point in series.points}) < min(min_points, 2)
            or len(series.points) < min_points
        ):
            continue
        series.points.sort(key=lambda point: (point.published or point.date or "", point.source))
        result.append(series)
    result.sort(key=lambda series: (-len(series.points), series.measure, series.place))
    return result
