"""Check gold files against the article text: every evidence quote must be in the text.

python tests/gold/validate_gold.py tests/gold/voa/*.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from totor import model
from totor.evaluate import corpus_path

CORPUS = corpus_path(Path(__file__).resolve().parents[2], "voa", "voa_stories.jsonl")

KINDS = ("events", "figures", "claims", "places", "times", "labels")
EVENT_TYPES = set(model.EVENT_TYPES)
MEASURES = set(model.Measure.__args__)  # type: ignore[attr-defined]
STATUSES = set(model.EventStatus.__args__)  # type: ignore[attr-defined]


def load_texts(corpus: Path = CORPUS) -> dict[str, str]:
    texts = {}
    with corpus.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            texts[str(record["id"])] = record["text"]
    return texts


def problems(path: Path, texts: dict[str, str]) -> list[str]:
    gold = json.loads(path.read_text(encoding="utf-8"))
    found: list[str] = []
    text = texts.get(str(gold.get("id")))
    if text is None:
        return [f"{path}: id {gold.get('id')!r} not in the corpus"]
    for kind in KINDS:
        for n, item in enumerate(gold.get(kind, [])):
            where = f"{path.name}: {kind}[{n}]"
            quote = item.get("evidence")
            if kind in ("events", "figures", "claims") and not quote:
                found.append(f"{where}: no evidence")
            if quote and quote not in text:
                found.append(f"{where}: evidence not in text: {quote[:60]!r}")
            if kind == "events":
                if item.get("type") not in EVENT_TYPES:
                    found.append(f"{where}: bad type {item.get('type')!r}")
                if item.get("status", "asserted") not in STATUSES:
                    found.append(f"{where}: bad status {item.get('status')!r}")
                trigger = item.get("trigger")
                if trigger and quote and trigger not in quote:
                    found.append(f"{where}: trigger {trigger!r} not inside evidence")
            if kind == "figures" and item.get("measure") not in MEASURES:
                found.append(f"{where}: bad measure {item.get('measure')!r}")
            if kind in ("places", "times", "labels"):
                key = {"places": "name", "times": "text", "labels": "term"}[kind]
                if item.get(key) and item[key] not in text:
                    found.append(f"{where}: {key} {item[key]!r} not in text")
    return found


def main(paths: list[str]) -> int:
    texts = load_texts()
    all_problems = [p for path in paths for p in problems(Path(path), texts)]
    for problem in all_problems:
        print(problem)
    print(f"{len(paths)} files, {len(all_problems)} problems")
    return 1 if all_problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
