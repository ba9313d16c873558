"""END-TO-END: the real readers and NLP pipeline into the store (VOA corpus).

This is the one store test that needs the full pipeline (readers, spaCy model, totor
components). It may fail until the pipeline lands; every other store test uses hand-made
records.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from totor.corpus import Corpus
from totor.evaluate import corpora_roots

VOA = next(
    (
        root / "voa" / "voa_stories.jsonl"
        for root in corpora_roots(Path(__file__).resolve().parents[2])
        if (root / "voa" / "voa_stories.jsonl").exists()
    ),
    Path("../shared/corpora/voa/voa_stories.jsonl"),
)


@pytest.mark.slow
def test_END_TO_END_jaffar_express_reports(tmp_path: Path) -> None:
    if not VOA.exists():
        pytest.skip(f"VOA corpus absent: {VOA}")
    stories = [json.loads(line) for line in VOA.read_text().splitlines()]
    hijacking = [s for s in stories if "Jaffar Express" in s["text"]]
    assert len(hijacking) >= 4
    source = tmp_path / "jaffar.jsonl"
    source.write_text("".join(json.dumps(s) + "\n" for s in hijacking))
    db = tmp_path / "voa.db"
    with Corpus(db) as corpus:
        counts = corpus.ingest([str(source)])
        assert counts.new == len(hijacking) and counts.failed == 0
        assert corpus.ingest([str(source)]).skipped == len(hijacking)
        assert corpus.count_events() > 0
        killed = corpus.figures(measure="killed", limit=500).items
        assert killed, "no killed figures extracted from the hijacking reports"
        clusters = corpus.clusters().items
        assert any(len(c["articles"]) >= 2 for c in clusters), "the reports did not fuse"
        assert corpus.search("Jaffar Express").items
