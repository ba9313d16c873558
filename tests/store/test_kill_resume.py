"""An ingest killed with SIGKILL loses no committed article; a rerun resumes without duplicates."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from totor.store import Store, schema

TOTAL = 120

# The child ingests TOTAL documents slowly (a stub processor, so the test needs no model)
# in batches of 5, committing after each.
CHILD = r"""
import sys, time
from totor.corpus import Corpus
from totor.model import Article, Event, article_id
from totor.readers.base import Document

class Slow:
    def process(self, documents):
        for document in documents:
            time.sleep(float(sys.argv[3]))
            text = document.text
            yield Article(id=article_id(text), url=document.url, text=text,
                          published="2024-03-01",
                          events=[Event(id="v1", type="PROTEST", trigger=(0, 6), span=(0, len(text)))])

docs = (Document(text=f"Crowds marched in district {i} on Sunday against fuel prices.",
                 source=f"doc{i}", url=f"https://example.org/{i}") for i in range(int(sys.argv[2])))
counts = Corpus(sys.argv[1]).ingest_documents(docs, processor=Slow(), batch_size=5)
print(counts.to_dict())
"""


def _count(db_url: str) -> tuple[int, int, int]:
    store = Store(db_url)
    with store.connect() as connection:
        articles = connection.scalar(select(func.count()).select_from(schema.articles)) or 0
        distinct = connection.scalar(select(func.count(func.distinct(schema.articles.c.url)))) or 0
        events = connection.scalar(select(func.count()).select_from(schema.events)) or 0
    store.close()
    return int(articles), int(distinct), int(events)


def test_sigkill_mid_ingest_then_resume(db_url: str, tmp_path: Path) -> None:
    script = tmp_path / "child.py"
    script.write_text(CHILD)
    Store(db_url).close()  # migrate first, so the child starts writing at once
    child = subprocess.Popen(
        [sys.executable, str(script), db_url, str(TOTAL), "0.02"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and _count(db_url)[0] < 20:
        time.sleep(0.05)
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    articles, distinct, events = _count(db_url)
    assert 20 <= articles < TOTAL
    assert articles % 5 == 0  # whole batches only: no half-written batch survives
    assert articles == distinct == events

    rerun = subprocess.run(
        [sys.executable, str(script), db_url, str(TOTAL), "0"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert f"'skipped': {articles}" in rerun.stdout
    assert f"'new': {TOTAL - articles}" in rerun.stdout
    assert _count(db_url) == (TOTAL, TOTAL, TOTAL)
