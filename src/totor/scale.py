"""Corpora beyond one process: the same per-partition function under Dask.

``process_partition`` turns a list of input records (the JSONL shape: text, id, url, title,
published, outlet) into record dicts. It is what every Dask worker runs; each worker
process loads the pipeline once and keeps it for all its partitions.

    >>> from totor.scale import extract_bag
    >>> bag = extract_bag(["dump/*.jsonl"], blocksize="16MB")
    >>> bag.map(json.dumps).to_textfiles("records/*.jsonl", scheduler="processes")

A bad record becomes ``{"ok": False, "source": ..., "error": ...}`` in the output, so one
broken line never fails a partition.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from totor.options import PipelineOptions
from totor.readers.base import Document

_PIPELINES: dict[PipelineOptions, Any] = {}


def _pipeline(options: PipelineOptions) -> Any:
    """The worker's pipeline, built on its first partition (models take seconds to load)."""
    if options not in _PIPELINES:
        from totor.api import Pipeline

        _PIPELINES[options] = Pipeline(options)
    return _PIPELINES[options]


def _document(record: dict[str, Any], source: str) -> Document | dict[str, Any]:
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return {"ok": False, "source": source, "error": "record has no text"}
    return Document(
        text=text,
        source=source,
        title=record.get("title"),
        url=record.get("url"),
        published=record.get("published"),
        outlet=record.get("outlet"),
        id=str(record["id"]) if record.get("id") is not None else None,
    )


def process_partition(
    records: Iterable[dict[str, Any] | str], options: PipelineOptions | None = None
) -> list[dict[str, Any]]:
    """Records in, article records (as dicts) out, in order; bad items become error dicts."""
    options = options or PipelineOptions()
    out: list[dict[str, Any] | None] = []
    documents: list[tuple[int, Document]] = []
    for n, raw in enumerate(records):
        source = f"record {n}"
        try:
            record = json.loads(raw) if isinstance(raw, str) else raw
        except json.JSONDecodeError as error:
            out.append({"ok": False, "source": source, "error": f"invalid JSON: {error}"})
            continue
        item = _document(record, str(record.get("id", source)))
        if isinstance(item, dict):
            out.append(item)
        else:
            documents.append((len(out), item))
            out.append(None)
    articles = _pipeline(options).process(document for _, document in documents)
    for (position, _), article in zip(documents, articles, strict=True):
        out[position] = {"ok": True, **article.to_dict()}
    return [item for item in out if item is not None]


def extract_bag(
    paths: list[str], blocksize: str | int | None = "16MB", options: PipelineOptions | None = None
) -> Any:
    """A Dask bag of record dicts from JSONL files (local globs or any fsspec URL)."""
    import dask.bag as db

    lines = db.read_text(paths, blocksize=blocksize).filter(lambda line: bool(line.strip()))
    return lines.map_partitions(process_partition, options=options)
