"""Event types and actors on the PLOVER gold standard sentences.

    .venv/bin/python bench/eval_plover.py [--limit N] [--json]

PLOVER_GSR_CAMEO.json (Open Event Data Alliance) holds news-style sentences coded with one
PLOVER event each: ``event`` (FIGHT is the older name of ASSAULT), ``source`` and ``target``
actors (lists of ``{"actorText": ...}``), the plain ``text`` and an inline markup
``(SRC: ...) (EVT: ...) (TAR: ...)``. The DOCUMENT entries are notes, not sentences.

Reported:

- type in extracted: the gold type is among the sentence's extracted events;
- top type: the extracted event with the highest confidence (the first on ties) has the
  gold type; sentences with no event count as wrong;
- source / target match: for the event judged (the one of the gold type, else the top one),
  one of its actors (targets) has a mention overlapping the gold actorText, or a name that
  matches it (totor's alias table, or word overlap). Counted over sentences whose gold names
  a source (target).

Goal: 0.80 on type and actor matches.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from totor.evaluate import corpus_path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = corpus_path(ROOT, "plover", "PLOVER_GSR_CAMEO.json")
GOAL = 0.80
#: older PLOVER names of today's types
RENAMED = {"FIGHT": "ASSAULT"}


@dataclass
class PloverSentence:
    id: str
    text: str
    event: str
    sources: list[str]
    targets: list[str]


def plain_text(entry: dict[str, Any]) -> str:
    """The sentence without markup: the ``text`` field, else the markup stripped."""
    if entry.get("text"):
        return str(entry["text"])
    markup = str(entry.get("textInfo", {}).get("markup", ""))
    # each "(TAG: words)" becomes "words"; nested tags unwrap from the inside out
    previous = None
    while previous != markup:
        previous = markup
        markup = re.sub(r"\((?:SRC/TAR|SRC|TAR|EVT|LOC):\s*([^()]*)\)", r"\1", markup)
    return markup


def _actor_texts(value: Any) -> list[str]:
    if not isinstance(value, list):
        return []
    return [str(a["actorText"]) for a in value if isinstance(a, dict) and a.get("actorText")]


def load_plover(path: Path = CORPUS) -> list[PloverSentence]:
    entries = json.loads(path.read_text(encoding="utf-8"))
    sentences = []
    for entry in entries:
        if entry.get("event") == "DOCUMENT":
            continue
        event = str(entry["event"])
        sentences.append(
            PloverSentence(
                id=str(entry["id"]),
                text=plain_text(entry),
                event=RENAMED.get(event, event),
                sources=_actor_texts(entry.get("source")),
                targets=_actor_texts(entry.get("target")),
            )
        )
    return sentences


def _spans_of(text: str, phrase: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(re.escape(phrase), text)]


def role_matches(article: Any, entity_ids: Sequence[str], gold_texts: Sequence[str]) -> bool:
    """Whether one of the entities is one of the gold actors (by span, else by name)."""
    from totor.evaluate import entity_names, names_match

    gold_spans = [s for g in gold_texts for s in _spans_of(article.text, g)]
    for entity in article.entities:
        if entity.id not in entity_ids:
            continue
        for start, end in entity.mentions:
            if any(start < g_end and g_start < end for g_start, g_end in gold_spans):
                return True
        names = entity_names(article, entity.id)
        if any(names_match(g, n) for g in gold_texts for n in names):
            return True
    return False


def place_matches(article: Any, place_id: str | None, gold_texts: Sequence[str]) -> bool:
    """Whether the place an act was done to ('shelled Juba') is one of the gold targets."""
    from totor.evaluate import names_match

    place = next((p for p in article.places if p.id == place_id), None)
    if place is None:
        return False
    gold_spans = [s for g in gold_texts for s in _spans_of(article.text, g)]
    if any(s < g_end and g_start < e for s, e in place.mentions for g_start, g_end in gold_spans):
        return True
    return any(names_match(g, place.name) for g in gold_texts)


def top_event(article: Any) -> Any | None:
    if not article.events:
        return None
    return max(article.events, key=lambda e: (e.confidence, -article.events.index(e)))


@dataclass
class Tally:
    sentences: int = 0
    type_in_extracted: int = 0
    top_type: int = 0
    with_source: int = 0
    source_match: int = 0
    with_target: int = 0
    target_match: int = 0


def measure(
    sentences: Sequence[PloverSentence], pipeline: Any | None = None
) -> tuple[Tally, Counter[tuple[str, str]], dict[str, Any]]:
    """Run totor over the sentences; the tally, the confusion of top types, run facts."""
    from totor.api import Pipeline
    from totor.readers.base import Document

    pipeline = pipeline or Pipeline()
    started = time.perf_counter()
    documents = [Document(text=s.text, source=s.id, id=s.id) for s in sentences]
    tally = Tally()
    confusion: Counter[tuple[str, str]] = Counter()
    for sentence, article in zip(sentences, pipeline.process(documents), strict=True):
        tally.sentences += 1
        types = [e.type for e in article.events]
        top = top_event(article)
        tally.type_in_extracted += sentence.event in types
        tally.top_type += top is not None and top.type == sentence.event
        confusion[(sentence.event, top.type if top else "none")] += 1
        judged = next((e for e in article.events if e.type == sentence.event), top)
        if sentence.sources:
            tally.with_source += 1
            tally.source_match += judged is not None and role_matches(
                article, judged.actor, sentence.sources
            )
        if sentence.targets:
            tally.with_target += 1
            tally.target_match += judged is not None and (
                role_matches(article, judged.target, sentence.targets)
                or place_matches(article, judged.target_place, sentence.targets)
            )
    facts = {"seconds": round(time.perf_counter() - started, 1)}
    return tally, confusion, facts


def results(
    tally: Tally, confusion: Counter[tuple[str, str]], facts: dict[str, Any]
) -> dict[str, Any]:
    def share(part: int, whole: int) -> float:
        return part / whole if whole else 0.0

    errors = [(g, p, n) for (g, p), n in confusion.most_common() if g != p]
    return {
        "sentences": tally.sentences,
        "type_in_extracted": share(tally.type_in_extracted, tally.sentences),
        "top_type": share(tally.top_type, tally.sentences),
        "source_match": share(tally.source_match, tally.with_source),
        "target_match": share(tally.target_match, tally.with_target),
        "with_source": tally.with_source,
        "with_target": tally.with_target,
        "goal": GOAL,
        "errors": [{"gold": g, "top": p, "count": n} for g, p, n in errors],
        **facts,
    }


def table(summary: dict[str, Any], errors: int = 15) -> str:
    lines = [f"PLOVER gold standard: {summary['sentences']} sentences, {summary['seconds']} s"]
    for key, label in (
        ("type_in_extracted", "gold type among extracted"),
        ("top_type", "top event type = gold"),
        ("source_match", f"source actor match (n={summary['with_source']})"),
        ("target_match", f"target actor match (n={summary['with_target']})"),
    ):
        lines.append(f"  {label:<36}{summary[key]:>7.3f}   goal {GOAL:.2f}")
    lines.append("most frequent errors (gold -> top extracted):")
    for row in summary["errors"][:errors]:
        lines.append(f"  {row['count']:>4}  {row['gold']:<12} -> {row['top']}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="first N sentences only")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        print(f"PLOVER gold standard not found at {args.corpus}", file=sys.stderr)
        return 2
    sentences = load_plover(args.corpus)[: args.limit]
    summary = results(*measure(sentences))
    print(json.dumps(summary, indent=2) if args.json else table(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
