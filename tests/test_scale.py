"""The per-partition function under Dask gives the records the in-process pipeline gives."""

from __future__ import annotations

import json
from pathlib import Path

from totor.api import Pipeline
from totor.readers.base import Document
from totor.scale import extract_bag

REPORTS = [
    "Russian forces shelled Kharkiv overnight, killing three civilians, the regional governor said.",
    "Police in Nairobi arrested 40 protesters on Tuesday after clashes near parliament.",
    "Hamas said it accepted the ceasefire proposal, but Israel rejected it hours later.",
]


def test_dask_partitions_match_the_pipeline(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": f"r{n}", "text": text, "published": "2024-05-07"})
        for n, text in enumerate(REPORTS)
    ]
    lines.insert(1, '{"id": "broken", "text": ')  # bad JSON between good lines
    lines.append(json.dumps({"id": "empty", "text": "  "}))
    source = tmp_path / "dump.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")

    # a small block size makes several partitions, run in two worker processes
    bag = extract_bag([str(source)], blocksize=150)
    assert bag.npartitions > 1
    results = bag.compute(scheduler="processes", num_workers=2)

    ok = {r["id"]: r for r in results if r["ok"]}
    errors = [r for r in results if not r["ok"]]
    assert set(ok) == {"r0", "r1", "r2"}
    assert len(errors) == 2
    assert any("invalid JSON" in e["error"] for e in errors)
    assert any(e["error"] == "record has no text" for e in errors)

    expected = Pipeline().process(
        Document(text=t, source=f"r{n}", id=f"r{n}", published="2024-05-07")
        for n, t in enumerate(REPORTS)
    )
    for article in expected:
        got = ok[article.id]
        assert [e["type"] for e in got["events"]] == [e.type for e in article.events]
        assert [f["value"] for f in got["figures"]] == [f.value for f in article.figures]
