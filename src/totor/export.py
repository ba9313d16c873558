"""Export a store: JSONL records, CSV / Parquet event tables, GeoJSON, PLOVER JSON, ACLED CSV.

* ``jsonl``: one ``totor/article@1`` record per line (current versions).
* ``csv`` / ``parquet``: one row per event, the columns of :func:`event_rows`.
* ``geojson``: a FeatureCollection of located events as Points.
* ``plover``: a JSON array of PLOVER-style event records with their source and evidence.
* ``acled``: ACLED-style CSV. event_type / sub_event_type come from
  ``store/data/plover_acled.json``; ``fatalities`` is the most conservative (lowest)
  ``killed`` figure reported for the event, as ACLED codes it; geo_precision is 1 for a
  town or site, 2 for a district-level place, 3 for a province, region or country.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import select

from totor.store import schema
from totor.store.core import Store
from totor.store.queries import EventFilters, event_conditions
from totor.store.writer import load_article

FORMATS = ("jsonl", "csv", "parquet", "geojson", "plover", "acled")

EVENT_COLUMNS = (
    "event_id",
    "article_id",
    "event_key",
    "date",
    "type",
    "mode",
    "status",
    "confidence",
    "actors",
    "targets",
    "place",
    "lat",
    "lon",
    "country",
    "admin1",
    "geonameid",
    "outlet",
    "url",
    "title",
    "published",
    "speaker",
    "killed",
    "injured",
    "trigger",
    "evidence",
)

ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
)

_PRECISION = {"city": 1, "locality": 1, "landmark": 1, "admin": 3, "region": 3, "country": 3}


@cache
def acled_map() -> dict[str, Any]:
    text = resources.files("totor.store").joinpath("data/plover_acled.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def acled_types(plover_type: str, mode: str | None) -> tuple[str, str]:
    mapping = acled_map()
    entry = mapping.get(plover_type)
    if entry is None:
        event_type, sub_type = mapping["_other"]
        return event_type, sub_type
    for needle, (event_type, sub_type) in entry["modes"].items():
        if mode and needle in mode.lower():
            return event_type, sub_type
    event_type, sub_type = entry["default"]
    return event_type, sub_type


def _figure_values(
    connection: Any, article_pks: set[int]
) -> dict[tuple[int, str], tuple[str, float]]:
    """(article_pk, figure key) -> (measure, conservative value: low when given, else best)."""
    figures = schema.figures
    values: dict[tuple[int, str], tuple[str, float]] = {}
    if not article_pks:
        return values
    for row in connection.execute(
        select(
            figures.c.article_pk, figures.c.key, figures.c.measure, figures.c.value, figures.c.low
        ).where(figures.c.article_pk.in_(article_pks))
    ):
        value = row.low if row.low is not None else row.value
        if value is not None:
            values[(row.article_pk, row.key)] = (row.measure, value)
    return values


def event_rows(
    store: Store, filters: EventFilters | None = None, chunk: int = 5000
) -> Iterator[dict[str, Any]]:
    """Every matching event as a flat dict (EVENT_COLUMNS), oldest first, streamed in chunks."""
    events, articles = schema.events, schema.articles
    last_pk = 0
    with store.connect() as connection:
        conditions = event_conditions(connection, filters or EventFilters())
        while True:
            rows = connection.execute(
                select(
                    events,
                    articles.c.id.label("article_id"),
                    articles.c.url,
                    articles.c.title,
                    articles.c.published,
                )
                .join(articles, articles.c.pk == events.c.article_pk)
                .where(*conditions, events.c.pk > last_pk)
                .order_by(events.c.pk)
                .limit(chunk)
            ).all()
            if not rows:
                return
            last_pk = rows[-1].pk
            values = _figure_values(connection, {row.article_pk for row in rows})
            for row in rows:
                counts: dict[str, list[float]] = {"killed": [], "injured": []}
                for key in row.figure_keys:
                    measure, value = values.get((row.article_pk, key), ("", 0.0))
                    if measure in counts:
                        counts[measure].append(value)
                yield {
                    "event_id": row.pk,
                    "article_id": row.article_id,
                    "event_key": row.key,
                    "date": row.date or None,
                    "type": row.type,
                    "mode": row.mode,
                    "status": row.status,
                    "confidence": row.confidence,
                    "actors": "; ".join(row.actors),
                    "targets": "; ".join(row.targets),
                    "place": row.place_name,
                    "lat": row.lat,
                    "lon": row.lon,
                    "country": row.country,
                    "admin1": row.admin1,
                    "geonameid": row.geonameid,
                    "feature": row.feature,
                    "outlet": row.outlet,
                    "url": row.url,
                    "title": row.title,
                    "published": row.published,
                    "speaker": row.speaker,
                    "killed": min(counts["killed"]) if counts["killed"] else None,
                    "injured": min(counts["injured"]) if counts["injured"] else None,
                    "trigger": row.trigger_text,
                    "evidence": row.evidence,
                    "actor_list": list(row.actors),
                    "target_list": list(row.targets),
                }


def _write_csv(path: Path, columns: tuple[str, ...], rows: Iterator[dict[str, Any]]) -> int:
    count = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        out.writeheader()
        for row in rows:
            out.writerow(row)
            count += 1
    return count


def export_jsonl(store: Store, path: Path) -> int:
    count = 0
    articles = schema.articles
    with store.connect() as connection, path.open("w", encoding="utf-8") as handle:
        pks = connection.scalars(
            select(articles.c.pk).where(articles.c.current.is_(True)).order_by(articles.c.pk)
        ).all()
        for pk in pks:
            article = load_article(connection, pk)
            if article is not None:
                handle.write(article.to_json() + "\n")
                count += 1
    return count


def export_parquet(store: Store, path: Path, filters: EventFilters | None) -> int:
    import pandas as pd

    rows = [{k: row[k] for k in EVENT_COLUMNS} for row in event_rows(store, filters)]
    frame = pd.DataFrame(rows, columns=list(EVENT_COLUMNS))
    for column in ("lat", "lon", "confidence", "killed", "injured"):
        frame[column] = frame[column].astype("float64")
    frame["geonameid"] = frame["geonameid"].astype("Int64")
    frame.to_parquet(path, index=False)
    return len(frame)


def export_geojson(store: Store, path: Path, filters: EventFilters | None) -> int:
    features = []
    for row in event_rows(store, filters):
        if row["lat"] is None or row["lon"] is None:
            continue
        properties = {k: row[k] for k in EVENT_COLUMNS if k not in ("lat", "lon")}
        properties["actors"], properties["targets"] = row["actor_list"], row["target_list"]
        features.append(
            {
                "type": "Feature",
                "id": row["event_id"],
                "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
                "properties": properties,
            }
        )
    path.write_text(
        json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False),
        encoding="utf-8",
    )
    return len(features)


def plover_record(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": f"{row['article_id']}-{row['event_key']}",
        "date": row["date"],
        "event_type": row["type"],
        "mode": row["mode"],
        "context": [],
        "status": row["status"],
        "actor1": row["actor_list"][0] if row["actor_list"] else None,
        "actors1": row["actor_list"],
        "actor2": row["target_list"][0] if row["target_list"] else None,
        "actors2": row["target_list"],
        "location": {
            "name": row["place"],
            "lat": row["lat"],
            "lon": row["lon"],
            "country": row["country"],
            "admin1": row["admin1"],
            "geonameid": row["geonameid"],
        }
        if row["place"]
        else None,
        "fatalities": row["killed"],
        "source": {
            "article_id": row["article_id"],
            "url": row["url"],
            "outlet": row["outlet"],
            "published": row["published"],
            "speaker": row["speaker"],
        },
        "text": row["evidence"],
        "confidence": row["confidence"],
    }


def export_plover(store: Store, path: Path, filters: EventFilters | None) -> int:
    records = [plover_record(row) for row in event_rows(store, filters)]
    path.write_text(json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8")
    return len(records)


def acled_row(row: dict[str, Any]) -> dict[str, Any]:
    event_type, sub_type = acled_types(row["type"], row["mode"])
    notes = row["evidence"]
    if row["speaker"]:
        notes = f"{notes} (according to {row['speaker']})"
    return {
        "event_id_cnty": f"{row['country'] or 'XX'}{row['event_id']}",
        "event_date": row["date"],
        "year": row["date"][:4] if row["date"] else None,
        "event_type": event_type,
        "sub_event_type": sub_type,
        "actor1": row["actor_list"][0] if row["actor_list"] else None,
        "actor2": row["target_list"][0] if row["target_list"] else None,
        "country": row["country"],
        "admin1": row["admin1"],
        "location": row["place"],
        "latitude": row["lat"],
        "longitude": row["lon"],
        "geo_precision": _PRECISION.get(row["feature"] or "") if row["place"] else None,
        "source": row["outlet"],
        "notes": notes,
        "fatalities": int(row["killed"]) if row["killed"] is not None else 0,
    }


def export(store: Store, fmt: str, path: str | Path, filters: EventFilters | None = None) -> int:
    """Write the store (or the events the filters select) to ``path``; returns rows written."""
    target = Path(path)
    fmt = fmt.lower()
    if fmt == "jsonl":
        return export_jsonl(store, target)
    if fmt == "csv":
        return _write_csv(target, EVENT_COLUMNS, event_rows(store, filters))
    if fmt == "parquet":
        return export_parquet(store, target, filters)
    if fmt == "geojson":
        return export_geojson(store, target, filters)
    if fmt == "plover":
        return export_plover(store, target, filters)
    if fmt == "acled":
        return _write_csv(target, ACLED_COLUMNS, (acled_row(r) for r in event_rows(store, filters)))
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
