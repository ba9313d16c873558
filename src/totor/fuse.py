"""Fusion: one incident reported by many sources becomes one cluster; counts become series.

Two stored events from different articles may be one incident when (thresholds in
:class:`FuseOptions`, word lists in ``store/data/fuse_*.json``):

* their PLOVER types are compatible (``fuse_types.json``);
* each is dated to a day or two (an event dated only to a week, month or year is background,
  "in 2024 the group killed 400 people", not an incident) and the dates are within
  ``date_window_days``;
* nothing separates them: places far apart (specific places more than ``distance_km``
  apart, or different countries or first-level regions), or actors that share no name when
  both name specific actors (civilians, passengers or an unnamed armed group name no one);
* and enough joins them: a near place, or a shared specific actor (a shared state or
  government alone joins only with a near place). Statements (``statements`` in
  ``fuse_types.json``) join only when both who speaks and whom it is about match.

Links are made strongest first. Two clusters merge only when more pairs of their articles
link than are kept apart by type, date or place, and when the result spans at most
``max_span_days``: so a chain A-B-C whose ends are in different cities, or a daily series of
raids in one city, is not one incident, while one mislocated sentence among many linked ones
is outvoted rather than splitting an incident. Clusters are kept when they span
``min_articles`` articles.

Each cluster lists every article, outlet and *account*: per article, the outlet's own report
(its unattributed event sentences and figures) and each source whose claim covers one of the
cluster's events or figures, with only the labels used in those claims or event sentences.
So "20 terrorists killed" per the army sits beside "20 Palestinians killed" per health
officials.

A figure series is the same measure across sources and time: a death toll rising over days,
by source. Figures of a clustered incident form one series per measure; the rest are grouped
by place and population.
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date as Date
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import delete, select

from totor.model import Article, Event, Figure
from totor.store import schema
from totor.store.core import Store
from totor.store.writer import load_article, norm

FUSED_AT = "fused_at"

#: place features that name a point (a town, a crossing) rather than an area
SPECIFIC_FEATURES = frozenset({"city", "locality", "landmark"})

#: longest quote shown as what a source says, in characters
SAYS_MAX_CHARS = 160


@dataclass(frozen=True)
class FuseOptions:
    """Thresholds for deciding that two events are one incident."""

    #: reports of one incident date it a day or two apart ("on Tuesday", "overnight")
    date_window_days: int = 3
    #: wire reports place one incident at different nearby towns or the district seat
    distance_km: float = 100.0
    #: an event dated to a wider range than this (a week, a month) does not fuse
    max_date_range_days: int = 2
    #: no cluster spans more days than this (stops chains of daily incidents)
    max_span_days: int = 7
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


def _data(name: str) -> dict[str, Any]:
    text = resources.files("totor.store").joinpath(f"data/{name}").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@cache
def _default_groups() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(group) for group in _data("fuse_types.json")["compatible"])


@cache
def statement_types() -> frozenset[str]:
    return frozenset(_data("fuse_types.json")["statements"])


@cache
def _actor_classes() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(generic kinds, generic names, broad kinds)."""
    data = _data("fuse_actors.json")
    return (
        frozenset(data["generic_kinds"]),
        frozenset(norm(name) or "" for name in data["generic_names"]),
        frozenset(data["broad_kinds"]),
    )


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
class FuseEvent:
    """What fusion needs to know of one stored event."""

    pk: int
    article_pk: int
    type: str
    day: int  # proleptic ordinal of the first date
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    feature: str | None = None
    #: actor and target names (normalised) that tell incidents apart
    actors: frozenset[str] = frozenset()
    targets: frozenset[str] = frozenset()
    #: the subset of names that are states, governments or international bodies
    broad: frozenset[str] = frozenset()

    @property
    def names(self) -> frozenset[str]:
        return self.actors | self.targets


# kept for callers of the earlier private name
_Event = FuseEvent


def place_relation(a: FuseEvent, b: FuseEvent, options: FuseOptions) -> str | None:
    """ "near", "country" (same country, one names only the country), "far" or None."""
    if a.country and b.country and a.country != b.country:
        return "far"
    has_coords = None not in (a.lat, a.lon, b.lat, b.lon)
    if a.feature in SPECIFIC_FEATURES and b.feature in SPECIFIC_FEATURES and has_coords:
        distance = haversine_km(a.lat, a.lon, b.lat, b.lon)  # type: ignore[arg-type]
        return "near" if distance <= options.distance_km else "far"
    if a.feature == "country" or b.feature == "country":
        return "country" if a.country and b.country else None
    if a.admin1 and b.admin1 and a.country and b.country:
        # a province and a town in it, or two names of one region
        return "near" if norm(a.admin1) == norm(b.admin1) else "far"
    if has_coords:
        distance = haversine_km(a.lat, a.lon, b.lat, b.lon)  # type: ignore[arg-type]
        return "near" if distance <= options.distance_km else "far"
    if a.country and b.country:
        return "country"
    return None


def actor_relation(a: FuseEvent, b: FuseEvent) -> str | None:
    """ "shared" (a specific actor, or two), "broad" (one state only), "conflict" or None."""
    if a.type in statement_types() or b.type in statement_types():
        if not (a.names and b.names):
            return None
        if a.actors & b.actors and a.targets & b.targets:
            return "shared"
        return "conflict"
    shared = a.names & b.names
    if shared:
        return "shared" if len(shared) > 1 or shared - a.broad - b.broad else "broad"
    if a.names and b.names:
        return "conflict"
    return None


def separated(
    a: FuseEvent, b: FuseEvent, options: FuseOptions, compatible: dict[str, set[str]]
) -> bool:
    """Facts that keep two events in different clusters however they are reached.

    Actors are left out: one side's attackers and the other side's troops are both named in
    reports of one incident, so disjoint names only stop a direct link.
    """
    return (
        b.type not in compatible.get(a.type, {a.type})
        or abs(a.day - b.day) > options.date_window_days
        or place_relation(a, b, options) == "far"
    )


def link_strength(
    a: FuseEvent, b: FuseEvent, options: FuseOptions, compatible: dict[str, set[str]]
) -> int:
    """0 when a and b cannot be one incident (cannot-link), else how strongly they join.

    1 means nothing separates them but nothing joins them either; 2 and more is a link.
    """
    if separated(a, b, options, compatible):
        return 0
    place = place_relation(a, b, options)
    actors = actor_relation(a, b)
    if actors == "conflict" and options.require_actor_overlap:
        return 0
    statement = a.type in statement_types() or b.type in statement_types()
    strength = 1
    if place == "near" and not statement:
        strength += 2
    if actors == "shared":
        strength += 2
    elif actors == "broad" and place == "near":
        strength += 1
    if place is None and actors is None and options.allow_bare:
        strength += 1
    return strength


def same_incident(
    a: FuseEvent, b: FuseEvent, options: FuseOptions, compatible: dict[str, set[str]]
) -> bool:
    """Whether the pair alone is enough to put a and b in one cluster."""
    return link_strength(a, b, options, compatible) >= 2


class _Components:
    """Union-find that keeps each component's members and date range."""

    def __init__(self, events: Iterable[FuseEvent]) -> None:
        self.parent: dict[int, int] = {}
        self.members: dict[int, list[FuseEvent]] = {}
        for event in events:
            self.parent[event.pk] = event.pk
            self.members[event.pk] = [event]

    def find(self, item: int) -> int:
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:  # path compression
            self.parent[item], item = root, self.parent[item]
        return root

    def merge(self, a: int, b: int) -> None:
        keep, gone = sorted((a, b))
        self.parent[gone] = keep
        self.members[keep].extend(self.members.pop(gone))


def _load_events(store: Store, options: FuseOptions) -> list[FuseEvent]:
    events, roles = schema.events, schema.event_actors
    generic_kinds, generic_names, broad_kinds = _actor_classes()
    with store.connect() as connection:
        rows = connection.execute(
            select(
                events.c.pk,
                events.c.article_pk,
                events.c.type,
                events.c.date,
                events.c.date_end,
                events.c.lat,
                events.c.lon,
                events.c.country,
                events.c.admin1,
                events.c.feature,
            ).where(
                events.c.current.is_(True),
                events.c.date != "",
                events.c.status.in_(options.statuses),
            )
        ).all()
        wanted = {row.pk for row in rows}
        names: dict[int, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        broad: dict[int, set[str]] = defaultdict(set)
        for role in connection.execute(
            select(roles.c.event_pk, roles.c.role, roles.c.name_norm, roles.c.kind)
            .join(events, events.c.pk == roles.c.event_pk)
            .where(events.c.current.is_(True))
        ):
            if role.event_pk not in wanted:
                continue
            if role.kind in generic_kinds or role.name_norm in generic_names:
                continue
            names[role.event_pk][role.role].add(role.name_norm)
            if role.kind in broad_kinds:
                broad[role.event_pk].add(role.name_norm)
    loaded = []
    for row in rows:
        try:
            day = Date.fromisoformat(row.date).toordinal()
            last = Date.fromisoformat(row.date_end).toordinal() if row.date_end else day
        except ValueError:
            continue
        if last - day > options.max_date_range_days:
            continue
        loaded.append(
            FuseEvent(
                pk=row.pk,
                article_pk=row.article_pk,
                type=row.type,
                day=day,
                lat=row.lat,
                lon=row.lon,
                country=row.country,
                admin1=row.admin1,
                feature=row.feature,
                actors=frozenset(names[row.pk]["actor"]),
                targets=frozenset(names[row.pk]["target"]),
                broad=frozenset(broad[row.pk]),
            )
        )
    return loaded


def find_clusters(events: list[FuseEvent], options: FuseOptions) -> list[list[FuseEvent]]:
    """Clusters of events: links made strongest first, each checked against cannot-links."""
    compatible = type_groups(options)
    ordered = sorted(events, key=lambda event: (event.day, event.pk))
    pairs: list[tuple[int, int, int, int]] = []
    start = 0
    for index, event in enumerate(ordered):
        while ordered[start].day < event.day - options.date_window_days:
            start += 1
        for earlier in ordered[start:index]:
            if earlier.article_pk == event.article_pk:
                continue  # one report's events join through other reports, never directly
            strength = link_strength(earlier, event, options, compatible)
            if strength >= 2:
                pairs.append((strength, event.day - earlier.day, earlier.pk, event.pk))
    components = _Components(events)
    for _strength, _gap, pk_a, pk_b in sorted(pairs, key=lambda p: (-p[0], p[1], p[2], p[3])):
        root_a, root_b = components.find(pk_a), components.find(pk_b)
        if root_a == root_b:
            continue
        side_a, side_b = components.members[root_a], components.members[root_b]
        days = [member.day for member in (*side_a, *side_b)]
        if max(days) - min(days) > options.max_span_days:
            continue
        # reports vote, not sentences: a pair of articles is joined when any of their events
        # link, apart when none link and some are kept apart by type, date or place
        votes: dict[tuple[int, int], bool] = {}
        for x in side_a:
            for y in side_b:
                key = (x.article_pk, y.article_pk)
                if x.article_pk == y.article_pk or votes.get(key):
                    continue
                if link_strength(x, y, options, compatible) >= 2:
                    votes[key] = True
                elif separated(x, y, options, compatible):
                    votes[key] = False
        joined = sum(votes.values())
        # a chain A-B-C whose ends are apart is refused; one mislocated sentence among
        # many linked ones is outvoted rather than splitting the incident
        if len(votes) - joined >= joined:
            continue
        components.merge(root_a, root_b)
    return [
        sorted(members, key=lambda member: member.pk)
        for members in components.members.values()
        if len({member.article_pk for member in members}) >= options.min_articles
    ]


# ---------------------------------------------------------------- accounts


@cache
def _figure_words() -> tuple[tuple[tuple[str, str], ...], dict[str, str], dict[str, str]]:
    data = _data("fuse_figures.json")
    qualifiers = tuple(
        sorted(((q, shown) for q, shown in data["qualifiers"]), key=lambda q: -len(q[0]))
    )
    return qualifiers, data["measure_phrases"], data["default_subject"]


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def figure_text(figure: dict[str, Any], quote: str = "") -> str:
    """A figure as a short phrase: "20 terrorists killed", "more than 34,500 people killed"."""
    qualifiers, phrases, default_subject = _figure_words()
    value, low, high = figure.get("value"), figure.get("low"), figure.get("high")
    if value is None and low is None and high is None:
        return ""
    if low is not None and high is not None and low != high:
        number = f"{_number(low)}-{_number(high)}"
    else:
        number = _number(next(v for v in (value, low, high) if v is not None))
        before_number = quote.casefold()
        digits = re.search(r"\d", before_number)
        if digits:
            before_number = before_number[: digits.start()]
        said = next(
            (shown for word, shown in qualifiers if re.search(rf"\b{word}\b", before_number)),
            None,
        )
        if said:
            number = f"{said} {number}"
        elif low is not None and high is None:
            number = f"at least {number}"
        elif high is not None and low is None and value is None:
            number = f"up to {number}"
        elif figure.get("approx"):
            number = f"about {number}"
    measure = figure.get("measure") or "other"
    subject = " ".join((figure.get("subject") or "").split())
    phrase = phrases.get(measure, measure)
    subject = subject or default_subject.get(measure, "")
    if measure.casefold() in subject.casefold():  # "250 hostages held hostage" says it twice
        phrase = ""
    return " ".join(part for part in (number, subject, phrase) if part)


# earlier name
_figure_text = figure_text


def trim_quote(text: str, limit: int = SAYS_MAX_CHARS) -> str:
    """One line, whitespace collapsed, cut at a word boundary with an ellipsis."""
    flat = " ".join(text.split()).strip(" \"“”'")
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def outlet_name(article: Article) -> str:
    """The outlet, else the site of the URL, else a placeholder."""
    if article.outlet:
        return article.outlet
    host = urlsplit(article.url or "").hostname or ""
    return host.removeprefix("www.") or "(unnamed)"


def _within(inner: Sequence[int], outer: Sequence[int]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def _event_quotes(article: Article, event: Event) -> list[str]:
    spans = [tuple(event.span), *(tuple(span) for span in event.spans)]
    return [article.quote(span) for span in dict.fromkeys(spans)]  # type: ignore[arg-type]


def _accounts(article: Article, event_keys: set[str]) -> list[dict[str, Any]]:
    """What the outlet and each source in one article say about the clustered events."""
    entities = {entity.id: entity for entity in article.entities}
    claims = {claim.id: claim for claim in article.claims}
    events = [event for event in article.events if event.id in event_keys]
    figure_keys = {key for event in events for key in event.figures}
    figures = [figure for figure in article.figures if figure.id in figure_keys]
    outlet = outlet_name(article)

    # a claim covers the incident when it carries one of its events or figures, or when its
    # words hold an event's trigger
    covering = {event.claim for event in events if event.claim in claims}
    covering |= {figure.claim for figure in figures if figure.claim in claims}
    for claim in claims.values():
        if any(_within(event.trigger, claim.content) for event in events):
            covering.add(claim.id)

    def source_of(claim_key: str | None) -> str:
        if claim_key in covering:
            claim = claims[claim_key or ""]
            entity = entities.get(claim.speaker_entity or "")
            return entity.name if entity else claim.speaker
        return outlet

    accounts: dict[tuple[str, str], dict[str, Any]] = {}

    def account(claim_key: str | None) -> dict[str, Any]:
        kind = "claim" if claim_key in covering else "outlet"
        source = source_of(claim_key)
        found = accounts.get((kind, source))
        if found is None:
            found = accounts[(kind, source)] = {
                "source": source,
                "kind": kind,
                "cue": claims[claim_key].cue if kind == "claim" else None,  # type: ignore[index]
                "outlet": article.outlet,
                "outlet_name": outlet,
                "article_id": article.id,
                "url": article.url,
                "published": article.published,
                "events": [],
                "figures": [],
                "labels": [],
                "claims": [],
                "_quotes": [],
                "_ranges": [],
            }
        if kind == "claim" and claim_key not in found["claims"]:
            claim = claims[claim_key]  # type: ignore[index]
            found["claims"].append(claim_key)
            found["_ranges"].extend([tuple(claim.span), tuple(claim.content)])
        return found

    def event_claim(event: Event) -> str | None:
        if event.claim in covering:
            return event.claim
        # an event inside a covering claim's words is that source's, not the outlet's
        return next(
            (key for key in sorted(covering) if _within(event.trigger, claims[key or ""].content)),
            None,
        )

    for event in events:
        holder = account(event_claim(event))
        quotes = _event_quotes(article, event)
        holder["events"].append(
            {
                "type": event.type,
                "status": event.status,
                "mode": event.mode,
                "evidence": quotes[0],
            }
        )
        holder["_quotes"].extend(quotes)
        holder["_ranges"].extend([tuple(event.span), *(tuple(s) for s in event.spans)])
    for figure in figures:
        holder = account(figure.claim if figure.claim in covering else None)
        holder["figures"].append(_figure_item(article, figure))
    for claim_key in sorted(covering):
        account(claim_key)  # a source whose claim covers the incident gets its row
    for label in article.labels:
        user: dict[str, Any] | None = None
        if label.claim in covering:
            user = account(label.claim)
        else:
            user = next(
                (
                    found
                    for found in sorted(accounts.values(), key=lambda a: a["kind"] != "claim")
                    if any(_within(label.span, span) for span in found["_ranges"])
                ),
                None,
            )
        if user is not None and label.term not in user["labels"]:
            user["labels"].append(label.term)
    result = []
    for found in accounts.values():
        quotes = [quote for quote in found.pop("_quotes") if quote.strip()]
        found.pop("_ranges")
        texts = [figure["text"] for figure in found["figures"] if figure["text"]]
        # the quote that holds the source's own figures, else the shortest, else its claim
        with_figures = [
            quote
            for quote in quotes
            if any(figure["quote"] in quote for figure in found["figures"])
        ]
        shortest = min(with_figures or quotes, key=lambda q: len(" ".join(q.split())), default="")
        if not shortest and found["claims"]:
            shortest = article.quote(claims[found["claims"][0]].content)
        found["evidence"] = trim_quote(shortest)
        found["says"] = "; ".join(dict.fromkeys(texts)) or found["evidence"]
        if found["events"] or found["figures"] or found["claims"]:
            result.append(found)
    return result


def _figure_item(article: Article, figure: Figure) -> dict[str, Any]:
    item = figure.model_dump(include={"measure", "value", "low", "high", "approx", "subject"})
    item["quote"] = article.quote(figure.span)
    item["text"] = figure_text(item, item["quote"])
    return item


def summarise(store: Store, members: list[FuseEvent]) -> dict[str, Any]:
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
    place = _cluster_place(rows)
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
    accounts.sort(
        key=lambda item: (item["published"] or "", item["kind"] != "outlet", item["source"])
    )
    tolls: dict[str, list[float]] = defaultdict(list)
    for account in accounts:
        for figure in account["figures"]:
            value = figure["low"] if figure["low"] is not None else figure["value"]
            if value is not None:
                tolls[figure["measure"]].append(value)
    return {
        "type": max(sorted(types), key=lambda name: types[name]),
        "types": dict(types),
        "date_start": dates[0],
        "date_end": dates[-1],
        "place": place,
        "events": sorted(event_pks),
        "articles": article_list,
        "outlets": sorted({a["outlet"] for a in article_list if a["outlet"]}),
        "accounts": accounts,
        "figures": {m: {"min": min(v), "max": max(v), "n": len(v)} for m, v in tolls.items()},
    }


def _cluster_place(rows: Sequence[Any]) -> dict[str, Any] | None:
    """The place most reports agree on; among equals the most precise one."""
    located = [row for row in rows if row.lat is not None]
    if not located:
        return None
    votes: dict[str, set[int]] = defaultdict(set)
    for row in located:
        votes[row.place_name].add(row.article_pk)
    precision = {"landmark": 3, "locality": 3, "city": 3, "admin": 2, "region": 1, "country": 0}

    def rank(row: Any) -> tuple[int, int, int]:
        return (len(votes[row.place_name]), precision.get(row.feature or "", 1), -row.pk)

    best = max(located, key=rank)
    return {
        "name": best.place_name,
        "lat": best.lat,
        "lon": best.lon,
        "country": best.country,
        "admin1": best.admin1,
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
    #: what is counted, as the source words it ("terrorists", "people")
    subject: str = ""


@dataclass
class FigureSeries:
    measure: str
    place: str
    population: str | None
    points: list[SeriesPoint] = field(default_factory=list)
    #: the cluster (incident) whose figures these are; None for a series by place
    incident: int | None = None

    @property
    def sources(self) -> list[str]:
        return sorted({point.source for point in self.points})

    def to_dict(self) -> dict[str, Any]:
        return {
            "measure": self.measure,
            "place": self.place,
            "population": self.population,
            "incident": self.incident,
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


def _incident_figures(connection: Any) -> dict[tuple[int, str], tuple[int, str | None]]:
    """(article pk, figure key) -> (cluster pk, cluster place key) for clustered events."""
    links, events, clusters = schema.cluster_events, schema.events, schema.clusters
    found: dict[tuple[int, str], tuple[int, str | None]] = {}
    for row in connection.execute(
        select(
            links.c.cluster_pk,
            events.c.article_pk,
            events.c.figure_keys,
            clusters.c.place_name,
            clusters.c.country,
            clusters.c.summary,
        )
        .join(events, events.c.pk == links.c.event_pk)
        .join(clusters, clusters.c.pk == links.c.cluster_pk)
        .order_by(links.c.cluster_pk)
    ):
        admin1 = ((row.summary or {}).get("place") or {}).get("admin1")
        place = _place_key("admin1", row.place_name, admin1, row.country)
        for key in row.figure_keys:
            found.setdefault((row.article_pk, key), (row.cluster_pk, place))
    return found


def figure_series(
    store: Store,
    options: FuseOptions | None = None,
    measures: Iterable[str] | None = None,
    min_points: int = 2,
) -> list[FigureSeries]:
    """Series of one measure across articles, oldest first.

    Figures of a fused incident form one series per measure whatever their wording ("16
    terrorists" then "33 BLA terrorists"; each point keeps its subject); other figures are
    grouped by place and population. Clusters are recomputed first when stale.
    """
    options = options or FuseOptions()
    if clusters_stale(store):
        fuse(store, options)
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
        incidents = _incident_figures(connection)
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
        incident = incidents.get((row.article_pk, row.key))
        if incident is not None:
            cluster_pk, cluster_place = incident
            key = (row.measure, f"incident:{cluster_pk}", None)
            series = grouped.setdefault(
                key,
                FigureSeries(row.measure, cluster_place or "", None, incident=cluster_pk),
            )
        else:
            name, admin1, country = row.place_name, row.admin1, row.country
            if name is None:
                name, admin1, country = event_places.get(
                    (row.article_pk, row.key), (None, None, None)
                )
            place = _place_key(options.series_place_level, name, admin1, country)
            if place is None:
                continue
            population = (
                population_key(row.subject, row.subject_name)
                if options.series_by_population
                else None
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
                subject=row.subject,
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
