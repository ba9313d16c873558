"""Query latency on a large store: p50 / p95 of the common event and figure queries.

    python bench/make_events.py --db /tmp/bench.db --events 1000000
    python bench/query_bench.py --db /tmp/bench.db [--repeat 30]

Each query runs ``--repeat`` times with parameters drawn from the store's own values (a
type, an actor, a city...), first page of 50 as the web layer asks. The baseline, timed in
the same run, is the cheapest possible page (the newest 50 events, no filter); each query
prints its p95 as a ratio to the baseline's. Goal: p95 under 100 ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select

from totor.store import Store, schema
from totor.store.queries import EventFilters, FigureFilters, events, figures, search


def sample(store: Store, column: Any, n: int = 50) -> list[Any]:
    with store.connect() as connection:
        return [
            row[0]
            for row in connection.execute(
                select(column, func.count()).group_by(column).order_by(func.count().desc()).limit(n)
            )
            if row[0]
        ]


def timed(call: Callable[[], object], repeat: int) -> list[float]:
    call()  # warm the cache once: the web layer serves from a warm database
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return times


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    store = Store(args.db)
    n_events = store.counts()["events"]
    types = sample(store, schema.events.c.type)
    actors = sample(store, schema.event_actors.c.name_norm)
    places = sample(store, schema.events.c.place_norm, 200)
    outlets = sample(store, schema.events.c.outlet)
    countries = sample(store, schema.events.c.country, 30)

    def year() -> tuple[str, str]:
        y = rng.randrange(2019, 2025)
        m = rng.randrange(1, 12)
        return f"{y}-{m:02d}-01", f"{y}-{m + 1:02d}-01"

    def page2(filters: EventFilters) -> None:
        first = events(store, filters, limit=50)
        if first.next:
            events(store, filters, limit=50, cursor=first.next)

    queries: dict[str, Callable[[], object]] = {
        "baseline: newest 50": lambda: events(store, EventFilters(), limit=50),
        "type": lambda: events(store, EventFilters(type=rng.choice(types)), limit=50),
        "type + month": lambda: events(
            store,
            EventFilters(type=rng.choice(types), date_from=(d := year())[0], date_to=d[1]),
            limit=50,
        ),
        "actor": lambda: events(store, EventFilters(actor=rng.choice(actors)), limit=50),
        "actor + type": lambda: events(
            store, EventFilters(actor=rng.choice(actors), type=rng.choice(types)), limit=50
        ),
        "target": lambda: events(store, EventFilters(target=rng.choice(actors)), limit=50),
        "place name": lambda: events(store, EventFilters(place=rng.choice(places)), limit=50),
        "place + 50 km": lambda: events(
            store, EventFilters(place=rng.choice(places), radius_km=50), limit=50
        ),
        "country + month": lambda: events(
            store,
            EventFilters(country=rng.choice(countries), date_from=(d := year())[0], date_to=d[1]),
            limit=50,
        ),
        "outlet + month": lambda: events(
            store,
            EventFilters(outlet=rng.choice(outlets), date_from=(d := year())[0], date_to=d[1]),
            limit=50,
        ),
        "status": lambda: events(store, EventFilters(status="denied"), limit=50),
        "text (full-text)": lambda: events(
            store,
            EventFilters(text=rng.choice(["hostages", "ceasefire", "election", "drone"])),
            limit=50,
        ),
        "type, page 2 (cursor)": lambda: page2(EventFilters(type=rng.choice(types))),
        "figures killed": lambda: figures(store, FigureFilters(measure="killed"), limit=50),
        "search articles": lambda: search(
            store, rng.choice(["hostages", "train", "Gaza"]), limit=20
        ),
    }
    print(f"store: {store.url}  events: {n_events:,}  repeat: {args.repeat}")
    print(f"{'query':<26}{'p50 ms':>9}{'p95 ms':>9}{'x base':>8}")
    base_p95 = None
    for name, call in queries.items():
        times = sorted(timed(call, args.repeat))
        p50 = statistics.median(times)
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        base_p95 = base_p95 or p95
        flag = "" if p95 < 100 else "  > 100 ms"
        print(f"{name:<26}{p50:9.1f}{p95:9.1f}{p95 / base_p95:8.1f}{flag}")


if __name__ == "__main__":
    main()
