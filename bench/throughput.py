"""Throughput of the full totor pipeline against spaCy's model alone, in the same run.

    python bench/throughput.py [--rounds 3] [--limit N] [--corpus PATH]

Each measurement runs in its own subprocess (so peak memory and cold start are its own),
alternating spaCy-alone and totor rounds so that machine noise hits both alike. The
result that matters is the ratio: totor docs/s divided by spaCy-alone docs/s on the same
texts (goal: 0.8 or more).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path


def load_texts(path: Path, limit: int | None) -> list[dict[str, str]]:
    records = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            records.append({"text": record["text"], "published": record.get("published", "")[:10]})
    return records[:limit] if limit else records


def measure(mode: str, path: Path, limit: int | None) -> dict[str, float]:
    """One round in this process: load, then process every text once."""
    records = load_texts(path, limit)
    words = sum(len(r["text"].split()) for r in records)
    started = time.perf_counter()
    if mode == "spacy":
        import spacy

        from totor.nlp.pipeline import resolve_model

        nlp = spacy.load(resolve_model(None))
        loaded = time.perf_counter()
        for _doc in nlp.pipe((r["text"] for r in records), batch_size=32):
            pass
    else:
        from totor.api import Pipeline
        from totor.readers.base import Document

        pipeline = Pipeline()
        loaded = time.perf_counter()
        documents = (
            Document(text=r["text"], source=f"voa:{n}", published=r["published"] or None)
            for n, r in enumerate(records)
        )
        for _article in pipeline.process(documents):
            pass
    done = time.perf_counter()
    seconds = done - loaded
    return {
        "docs": len(records),
        "words": words,
        "cold_start_s": loaded - started,
        "seconds": seconds,
        "docs_per_s": len(records) / seconds,
        "words_per_s": words / seconds,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def run_round(mode: str, path: Path, limit: int | None) -> dict[str, float]:
    command = [sys.executable, __file__, "--child", mode, "--corpus", str(path)]
    if limit:
        command += ["--limit", str(limit)]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--corpus", type=Path, default=None, help="default: the VOA corpus")
    parser.add_argument("--child", choices=["spacy", "totor"], help=argparse.SUPPRESS)
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, args.corpus, args.limit)))
        return 0
    if args.corpus is None:
        # imported here, not at the top: the timed children run this file too, and the
        # spaCy-alone baseline must not pay for importing totor
        from totor.evaluate import corpus_path

        args.corpus = corpus_path(Path(__file__).resolve().parents[1], "voa", "voa_stories.jsonl")
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    # warm the gazetteer index and file caches once, outside the timed rounds
    run_round("totor", args.corpus, 2)
    results: dict[str, list[dict[str, float]]] = {"spacy": [], "totor": []}
    for n in range(args.rounds):
        for mode in ("spacy", "totor") if n % 2 == 0 else ("totor", "spacy"):
            results[mode].append(run_round(mode, args.corpus, args.limit))
            print(
                f"round {n + 1} {mode:5s} {results[mode][-1]['docs_per_s']:.2f} docs/s",
                file=sys.stderr,
            )
    summary = {
        mode: {key: statistics.median(r[key] for r in rounds) for key in rounds[0]}
        for mode, rounds in results.items()
    }
    ratios = [
        t["docs_per_s"] / s["docs_per_s"]
        for t, s in zip(results["totor"], results["spacy"], strict=True)
    ]
    summary["ratio"] = {"docs_per_s": statistics.median(ratios), "rounds": args.rounds}
    if args.json:
        print(json.dumps(summary, indent=2))
        return 0
    spacy_alone, totor = summary["spacy"], summary["totor"]
    print(
        f"corpus: {args.corpus.name}, {int(totor['docs'])} docs, {int(totor['words'])} words, "
        f"median of {args.rounds} rounds"
    )
    print(f"{'':22s}{'docs/s':>10s}{'words/s':>10s}{'cold start s':>14s}{'peak RSS MB':>13s}")
    for name, row in (("spaCy model alone", spacy_alone), ("totor full pipeline", totor)):
        print(
            f"{name:22s}{row['docs_per_s']:10.2f}{row['words_per_s']:10.0f}"
            f"{row['cold_start_s']:14.2f}{row['peak_rss_mb']:13.0f}"
        )
    print(f"ratio totor / spaCy-alone docs/s: {summary['ratio']['docs_per_s']:.2f} (goal >= 0.80)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
