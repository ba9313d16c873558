"""Ingest throughput (articles/s) on the VOA corpus, into SQLite and PostgreSQL.

    python bench/ingest_bench.py [--pg postgresql+psycopg://...] [--limit 89]

Baseline, measured in the same run: the NLP pipeline alone over the same documents (no
store). Each backend's line gives articles/s and the ratio to that baseline, i.e. what the
store costs on top of the NLP. A second ingest of the same corpus (everything skipped)
measures the resume path. PostgreSQL defaults to $TOTOR_TEST_PG_URL; the benchmark works
in a database it creates and drops.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from totor.api import Pipeline
from totor.corpus import Corpus
from totor.evaluate import corpus_path
from totor.readers import read_sources
from totor.readers.base import Document

VOA = corpus_path(Path(__file__).resolve().parents[1], "voa", "voa_stories.jsonl")


def run(db: str, source: str, pipeline: Pipeline) -> tuple[float, float, int]:
    corpus = Corpus(db)
    corpus._pipeline = pipeline  # reuse the loaded model: time the ingest, not model loading
    started = time.perf_counter()
    counts = corpus.ingest([source])
    first = time.perf_counter() - started
    started = time.perf_counter()
    again = corpus.ingest([source])
    second = time.perf_counter() - started
    assert again.skipped == counts.stored, (again, counts)
    corpus.close()
    return first, second, counts.stored


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--source", default=str(VOA))
    parser.add_argument("--limit", type=int, default=0, help="first N lines only (0 = all)")
    parser.add_argument("--pg", default=os.environ.get("TOTOR_TEST_PG_URL"))
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="totor-bench-"))
    source = Path(args.source)
    if args.limit:
        lines = source.read_text().splitlines()[: args.limit]
        source = workdir / "subset.jsonl"
        source.write_text("\n".join(lines) + "\n")
    pipeline = Pipeline()
    documents = [d for d in read_sources([str(source)]) if isinstance(d, Document)]
    list(pipeline.process(documents[:2]))  # warm up
    started = time.perf_counter()
    list(pipeline.process(documents))
    baseline = len(documents) / (time.perf_counter() - started)
    print(f"{len(documents)} articles from {args.source}")
    print(f"{'run':<34}{'articles/s':>11}{'x NLP only':>11}")
    print(f"{'baseline: NLP only, no store':<34}{baseline:11.2f}{1.0:11.2f}")
    first, second, n = run(str(workdir / "bench.db"), str(source), pipeline)
    print(f"{'SQLite ingest':<34}{n / first:11.2f}{n / first / baseline:11.2f}")
    print(f"{'SQLite rerun (all skipped)':<34}{n / second:11.2f}{n / second / baseline:11.2f}")
    if args.pg:
        base = make_url(args.pg)
        name = f"totor_bench_{uuid.uuid4().hex[:8]}"
        admin = create_engine(base, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            url = base.set(database=name).render_as_string(hide_password=False)
            first, second, n = run(url, str(source), pipeline)
            print(f"{'PostgreSQL ingest':<34}{n / first:11.2f}{n / first / baseline:11.2f}")
            print(
                f"{'PostgreSQL rerun (all skipped)':<34}{n / second:11.2f}{n / second / baseline:11.2f}"
            )
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


if __name__ == "__main__":
    main()
