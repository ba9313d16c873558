"""The real `totor ingest` on the VOA corpus: killed with SIGKILL after its first commit,
rerun to the end, then rerun again. Nothing committed is lost, nothing is stored twice,
and the second full pass stores nothing new."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from totor.evaluate import corpora_roots
from totor.store import Store, schema

ROOT = Path(__file__).resolve().parents[2]
TOTOR = str(Path(sys.executable).parent / "totor")


def _voa() -> Path:
    for root in corpora_roots(ROOT):
        path = root / "voa" / "voa_stories.jsonl"
        if path.exists():
            return path
    pytest.skip("VOA corpus absent (../shared/corpora/voa/voa_stories.jsonl)")


def _article_counts(db_url: str) -> tuple[int, int]:
    store = Store(db_url)
    with store.connect() as connection:
        rows = connection.scalar(select(func.count()).select_from(schema.articles)) or 0
        distinct = connection.scalar(select(func.count(func.distinct(schema.articles.c.id)))) or 0
    store.close()
    return int(rows), int(distinct)


def _ingest(db_url: str, source: Path) -> dict[str, int]:
    completed = subprocess.run(
        [TOTOR, "ingest", str(source), "--db", db_url, "--batch-size", "10"],
        capture_output=True,
        text=True,
        check=True,
        timeout=1200,
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_voa_survives_sigkill_and_is_stored_once(db_url: str) -> None:
    voa = _voa()
    total = sum(1 for line in voa.read_text(encoding="utf-8").splitlines() if line.strip())
    Store(db_url).close()  # migrate first, so the child starts ingesting at once
    child = subprocess.Popen(
        [TOTOR, "ingest", str(voa), "--db", db_url, "--batch-size", "10"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 600
    committed = 0
    while time.monotonic() < deadline and child.poll() is None:
        committed, _ = _article_counts(db_url)
        if committed:
            break
        time.sleep(0.5)
    assert child.poll() is None, "ingest finished before it could be killed"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    before_rerun, distinct = _article_counts(db_url)
    assert 0 < before_rerun < total and before_rerun == distinct

    resumed = _ingest(db_url, voa)
    assert resumed["skipped"] == before_rerun
    assert resumed["new"] == total - before_rerun and resumed["failed"] == 0
    assert _article_counts(db_url) == (total, total)

    again = _ingest(db_url, voa)
    assert again == {**again, "new": 0, "skipped": total, "failed": 0}
    assert _article_counts(db_url) == (total, total)
