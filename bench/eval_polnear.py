"""Attribution on PolNeAR: totor's claims against hand-annotated source, cue and content.

    .venv/bin/python bench/eval_polnear.py [--split test|dev] [--limit N] [--json]

PolNeAR (Newell et al. 2018) marks attribution relations in US political news in BRAT
standoff: ``T1<TAB>Source 0 15<TAB>text``, ``T2 Cue``, ``T3 Content`` (fragments joined by
';' when discontinuous) and ``E1<TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1``. Some
articles were annotated by several people (one .ann per annotator, ``<name>_<annotator>.ann``);
the first annotator in name order is taken as gold.

Scores per component (source, cue, content), over the distinct spans of each article:

- exact: spans equal once whitespace, quotes and punctuation are trimmed from both ends;
- overlap: spans paired one-to-one by shared word tokens; precision is the share of each
  found span's tokens inside its gold partner, recall the share of each gold span's tokens
  covered (a partial-credit F1 in the spirit of Citron's overlap metric).

Content spans that are discontinuous are compared by their hull.
Anchors: BBC Citron on PARC 3.0 test (a different corpus: WSJ, not 2016 election news).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from totor.evaluate import corpus_path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = corpus_path(ROOT, "polnear")
COMPONENTS = ("source", "cue", "content")
#: (exact F1, overlap F1) of BBC Citron, PARC 3.0 test set, model en_2021-11-15
CITRON = {"source": (82.0, 85.3), "cue": (82.3, 76.8), "content": (59.3, 83.3)}
#: totor components the claims need
CLAIM_PIPES = ("totor_actors", "totor_claims")

Span = tuple[int, int]
_TRIM = " \t\n\r\"'“”‘’«»,.;:!?()[]—–-"
_WORD = re.compile(r"\w+")


@dataclass
class Relation:
    source: Span | None
    cue: Span | None
    content: Span | None


@dataclass
class PolnearDoc:
    name: str
    text: str
    relations: list[Relation] = field(default_factory=list)
    published: str | None = None


def parse_ann(text: str) -> list[Relation]:
    """Attribution relations of one BRAT .ann file."""
    spans: dict[str, Span] = {}
    relations: list[Relation] = []
    events: list[dict[str, str]] = []
    for line in text.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            offsets = parts[1].partition(" ")[2]
            fragments = [[int(x) for x in piece.split()] for piece in offsets.split(";")]
            spans[parts[0]] = (min(f[0] for f in fragments), max(f[1] for f in fragments))
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg))
    for args in events:
        contents = [spans[v] for k, v in args.items() if k.startswith("Content") and v in spans]
        content = (min(s[0] for s in contents), max(s[1] for s in contents)) if contents else None
        relations.append(
            Relation(
                source=spans.get(args.get("Source", "")),
                cue=spans.get(args.get("Cue", "")),
                content=content,
            )
        )
    return relations


def load_polnear(split: str = "test", corpus: Path = CORPUS) -> list[PolnearDoc]:
    """The articles of one split with the first annotator's relations."""
    folder = corpus / split
    dates = _publication_dates(corpus / "metadata.tsv")
    chosen: dict[str, Path] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        chosen.setdefault(name, ann)
    docs = []
    for name, ann in sorted(chosen.items()):
        text_path = folder / "text" / f"{name}.txt"
        if not text_path.exists():
            continue
        docs.append(
            PolnearDoc(
                name=name,
                text=text_path.read_text(encoding="utf-8"),
                relations=parse_ann(ann.read_text(encoding="utf-8")),
                published=dates.get(name),
            )
        )
    return docs


def _publication_dates(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]
    header = rows[0]
    at_name, at_date = header.index("filename"), header.index("publication_date")
    return {row[at_name]: row[at_date] for row in rows[1:] if len(row) > at_date}


def trim(text: str, span: Span) -> Span:
    """A span without surrounding whitespace, quotes and punctuation."""
    start, end = span
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return (start, end)


def tokens(text: str, span: Span) -> frozenset[int]:
    """Start offsets of the word tokens inside a span (so spans compare by token)."""
    return frozenset(m.start() for m in _WORD.finditer(text, span[0], span[1]))


@dataclass
class SpanScore:
    exact_matched: int = 0
    gold: int = 0
    found: int = 0
    soft_precision_sum: float = 0.0
    soft_recall_sum: float = 0.0

    @staticmethod
    def _f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    def exact(self) -> tuple[float, float, float]:
        p = self.exact_matched / self.found if self.found else 0.0
        r = self.exact_matched / self.gold if self.gold else 0.0
        return p, r, self._f1(p, r)

    def overlap(self) -> tuple[float, float, float]:
        p = self.soft_precision_sum / self.found if self.found else 0.0
        r = self.soft_recall_sum / self.gold if self.gold else 0.0
        return p, r, self._f1(p, r)


def score_spans(text: str, gold: Iterable[Span], found: Iterable[Span], into: SpanScore) -> None:
    """Add one article's spans of one component to a running score."""
    gold_set = sorted(s for s in {trim(text, span) for span in gold} if s[1] > s[0])
    found_set = sorted(s for s in {trim(text, span) for span in found} if s[1] > s[0])
    into.gold += len(gold_set)
    into.found += len(found_set)
    into.exact_matched += len(set(gold_set) & set(found_set))
    gold_tokens = [tokens(text, s) for s in gold_set]
    found_tokens = [tokens(text, s) for s in found_set]
    candidates = []
    for gi, g in enumerate(gold_tokens):
        for fi, f in enumerate(found_tokens):
            shared = len(g & f)
            if shared:
                candidates.append((shared / len(g | f), gi, fi, shared))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_gold: set[int] = set()
    used_found: set[int] = set()
    for _, gi, fi, shared in candidates:
        if gi in used_gold or fi in used_found:
            continue
        used_gold.add(gi)
        used_found.add(fi)
        into.soft_precision_sum += shared / len(found_tokens[fi])
        into.soft_recall_sum += shared / len(gold_tokens[gi])


def claim_spans(article: Any) -> dict[str, list[Span]]:
    """Source, cue and content spans of the claims in a totor record."""
    spans: dict[str, list[Span]] = {name: [] for name in COMPONENTS}
    for claim in article.claims:
        if claim.speaker_span is not None:
            spans["source"].append(tuple(claim.speaker_span))
        if claim.cue_span is not None:
            spans["cue"].append(tuple(claim.cue_span))
        spans["content"].append(tuple(claim.content))
    return spans


def claims_pipeline() -> Any:
    """A totor pipeline running only what claims need."""
    from totor.api import Pipeline
    from totor.options import PipelineOptions

    return Pipeline(PipelineOptions(components=CLAIM_PIPES))


def measure(
    docs: Sequence[PolnearDoc], pipeline: Any | None = None
) -> tuple[dict[str, SpanScore], dict[str, Any]]:
    """Run totor's claims over the articles and score them; also return run facts."""
    from totor.readers.base import Document

    pipeline = pipeline or claims_pipeline()
    started = time.perf_counter()
    documents = [
        Document(text=d.text, source=d.name, published=d.published, id=d.name) for d in docs
    ]
    scores = {name: SpanScore() for name in COMPONENTS}
    for doc, article in zip(docs, pipeline.process(documents), strict=True):
        found = claim_spans(article)
        for name in COMPONENTS:
            gold = [s for r in doc.relations if (s := getattr(r, name)) is not None]
            score_spans(doc.text, gold, found[name], scores[name])
    facts = {
        "articles": len(docs),
        "relations": sum(len(d.relations) for d in docs),
        "seconds": round(time.perf_counter() - started, 1),
    }
    return scores, facts


def results(scores: dict[str, SpanScore], facts: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = dict(facts)
    for name, score in scores.items():
        ep, er, ef = score.exact()
        op, orr, of = score.overlap()
        out[name] = {
            "exact": {"precision": ep, "recall": er, "f1": ef},
            "overlap": {"precision": op, "recall": orr, "f1": of},
            "gold": score.gold,
            "found": score.found,
            "citron_exact_f1": CITRON[name][0] / 100,
            "citron_overlap_f1": CITRON[name][1] / 100,
        }
    return out


def table(summary: dict[str, Any]) -> str:
    lines = [
        f"PolNeAR: {summary['articles']} articles, {summary['relations']} attribution "
        f"relations, {summary['seconds']} s",
        f"{'':<9}{'exact P':>8}{'R':>7}{'F1':>7}{'overlap P':>11}{'R':>7}{'F1':>7}"
        f"{'gold':>6}{'found':>6}   Citron (PARC 3.0) exact / overlap F1",
    ]
    for name in COMPONENTS:
        row = summary[name]
        e, o = row["exact"], row["overlap"]
        lines.append(
            f"{name:<9}{e['precision'] * 100:>8.1f}{e['recall'] * 100:>7.1f}{e['f1'] * 100:>7.1f}"
            f"{o['precision'] * 100:>11.1f}{o['recall'] * 100:>7.1f}{o['f1'] * 100:>7.1f}"
            f"{row['gold']:>6}{row['found']:>6}   {CITRON[name][0]:.1f} / {CITRON[name][1]:.1f}"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("test", "dev"), default="test")
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = parser.parse_args(argv)
    if not (args.corpus / args.split).is_dir():
        print(f"PolNeAR not found at {args.corpus / args.split}", file=sys.stderr)
        return 2
    docs = load_polnear(args.split, args.corpus)[: args.limit]
    summary = results(*measure(docs))
    print(json.dumps(summary, indent=2) if args.json else table(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
