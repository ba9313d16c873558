"""Readers: turn files, folders, globs, stdin and URLs into ``Document``s.

>>> for item in read_sources(["samples/"], ReadOptions()):
...     print(item.source)

Every source is sniffed by content (``detect.sniff``), so the extension does not have to be
right. Nothing is raised for a bad input: it comes out as a ``ReadError`` in its place and
the rest of the batch goes on. Everything is a generator; JSONL and WARC files are streamed
record by record, so their size is bounded per record, not per file.
"""

from __future__ import annotations

import glob
import io
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import IO

from totor.readers.base import Document, ReaderError, ReadError, ReadOptions
from totor.readers.detect import (
    HEAD_BYTES,
    Format,
    binary_kind,
    declared_charset,
    decode,
    gunzip,
    sniff,
)
from totor.readers.feeds import read_feed
from totor.readers.html import read_html
from totor.readers.jsonl import read_json, read_jsonl
from totor.readers.text import read_text
from totor.readers.url import fetch, is_url
from totor.readers.warc import read_warc

__all__ = [
    "Document",
    "ReadError",
    "ReadOptions",
    "read_bytes",
    "read_file",
    "read_html",
    "read_source",
    "read_sources",
    "read_stream",
    "read_text",
    "read_url",
]

_GLOB_CHARS = frozenset("*?[")


def read_sources(
    sources: Iterable[str], options: ReadOptions | None = None
) -> Iterator[Document | ReadError]:
    """Documents (or errors) of every source, in order."""
    options = options or ReadOptions()
    for source in sources:
        yield from read_source(source, options)


def read_source(source: str, options: ReadOptions | None = None) -> Iterator[Document | ReadError]:
    """One source: a path, a folder (walked), a glob, ``-`` for stdin, or an http(s) URL."""
    options = options or ReadOptions()
    if source == "-":
        yield from read_stream(sys.stdin.buffer, "<stdin>", options)
        return
    if is_url(source):
        yield from read_url(source, options)
        return
    path = Path(source).expanduser()
    if path.is_dir():
        yield from _read_folder(path, options)
    elif path.exists():
        yield from read_file(path, options)
    elif _GLOB_CHARS & set(source):
        matches = sorted(glob.glob(os.path.expanduser(source), recursive=True))
        if not matches:
            yield ReadError(source, "no files match this pattern")
        for match in matches:
            found = Path(match)
            yield from _read_folder(found, options) if found.is_dir() else read_file(found, options)
    else:
        yield ReadError(source, "no such file or directory")


def read_file(
    path: str | Path, options: ReadOptions | None = None
) -> Iterator[Document | ReadError]:
    """Documents of one file (several for JSONL, feeds and WARC)."""
    options = options or ReadOptions()
    path = Path(path)
    source = str(path)
    try:
        size = path.stat().st_size
        handle = path.open("rb")
    except OSError as exc:
        yield ReadError(source, f"cannot open: {exc.strerror or exc}")
        return
    with handle:
        yield from read_stream(handle, source, options, size=size, name=path.name)


def read_url(url: str, options: ReadOptions | None = None) -> Iterator[Document | ReadError]:
    """Documents behind one http(s) URL, sniffed like a file."""
    options = options or ReadOptions()
    try:
        fetched = fetch(url, options)
    except ReaderError as exc:
        yield ReadError(url, str(exc))
        return
    for item in read_stream(
        io.BytesIO(fetched.body),
        url,
        options,
        size=len(fetched.body),
        name=fetched.url.rsplit("/", 1)[-1],
        declared=fetched.charset,
    ):
        if isinstance(item, Document) and not item.url:
            item = replace(item, url=fetched.url)
        yield item


def read_bytes(
    data: bytes | str, source: str = "<bytes>", options: ReadOptions | None = None
) -> Iterator[Document | ReadError]:
    """Documents of content already in memory (any format, sniffed)."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    yield from read_stream(io.BytesIO(data), source, options or ReadOptions(), size=len(data))


def read_stream(
    stream: IO[bytes],
    source: str,
    options: ReadOptions,
    size: int | None = None,
    name: str = "",
    declared: str | None = None,
) -> Iterator[Document | ReadError]:
    """Documents of a binary stream: sniff its head, then hand it to the right reader."""
    try:
        head = stream.read(HEAD_BYTES)
        if not head.strip():
            if not head:
                raise ReaderError("empty file")
            head += stream.read(options.max_bytes)
            if not head.strip():
                raise ReaderError("file holds only whitespace")
        if kind := binary_kind(head):
            raise ReaderError(f"binary file ({kind}), not a news article")
        fmt = sniff(head, name)
        whole: IO[bytes] = io.BufferedReader(_Prefixed(head, stream))
        if fmt is Format.WARC:
            yield from read_warc(whole, source, options)
            return
        if fmt is Format.JSONL:
            yield from read_jsonl(whole, source, options)
            return
        # One document per input from here on (a JSON list or a feed is read whole too):
        # refuse oversize input before reading it.
        if size is not None and size > options.max_bytes:
            raise ReaderError(_too_big(size, options))
        data = whole.read(options.max_bytes + 1)
        if len(data) > options.max_bytes:
            raise ReaderError(_too_big(None, options))
        if fmt is Format.GZIP:
            yield from _read_unpacked(gunzip(data, options.max_bytes), source, options, name)
            return
        yield from _read_whole(data, fmt, source, options, declared)
    except ReaderError as exc:
        yield ReadError(source, str(exc))


def _read_whole(
    data: bytes, fmt: Format, source: str, options: ReadOptions, declared: str | None
) -> Iterator[Document | ReadError]:
    if fmt is Format.FEED:
        yield from read_feed(data, source, options)
        return
    text = decode(data, declared or (declared_charset(data) if fmt is Format.HTML else None))
    if fmt is Format.JSON:
        yield from read_json(text, source, options)
        return
    document = read_html(text, source) if fmt is Format.HTML else read_text(text, source)
    if len(document.text.encode("utf-8")) > options.max_bytes:
        raise ReaderError(_too_big(None, options))
    yield document


def _read_unpacked(
    data: bytes, source: str, options: ReadOptions, name: str
) -> Iterator[Document | ReadError]:
    """A gzip file that is not a WARC: read what it holds, once (no nested archives)."""
    if not data.strip():
        raise ReaderError("gzip file holds nothing")
    if kind := binary_kind(data[:HEAD_BYTES]):
        raise ReaderError(f"gzip file holds {kind}, not a news article")
    inner = name[:-3] if name.lower().endswith(".gz") else name
    fmt = sniff(data[:HEAD_BYTES], inner)
    if fmt is Format.GZIP:
        raise ReaderError("nested gzip archives are not read")
    if fmt is Format.WARC:
        yield from read_warc(io.BytesIO(data), source, options)
    elif fmt is Format.JSONL:
        yield from read_jsonl(io.BytesIO(data), source, options)
    else:
        yield from _read_whole(data, fmt, source, options, None)


def _read_folder(folder: Path, options: ReadOptions) -> Iterator[Document | ReadError]:
    """Files under ``folder`` in name order, skipping hidden ones and code/config files."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__")))
        for file_name in sorted(files):
            if file_name.startswith(".") or _skipped_in_folders(file_name):
                continue
            yield from read_file(Path(root) / file_name, options)


def _skipped_in_folders(file_name: str) -> bool:
    skip = _folder_skip_list()
    lowered = file_name.lower()
    stem, dot, extension = lowered.rpartition(".")
    if not dot:
        stem, extension = lowered, ""
    return (extension and f".{extension}" in skip) or stem in skip or lowered in skip


@lru_cache(maxsize=1)
def _folder_skip_list() -> frozenset[str]:
    raw = resources.files("totor.readers").joinpath("data/skip_in_folders.txt").read_text("utf-8")
    return frozenset(
        line.strip().lower()
        for line in raw.splitlines()
        if line.strip() and not line.startswith("#")
    )


def _too_big(size: int | None, options: ReadOptions) -> str:
    if size is None:
        return f"larger than max_bytes ({options.max_bytes:,} bytes)"
    return f"{size:,} bytes is larger than max_bytes ({options.max_bytes:,} bytes)"


class _Prefixed(io.RawIOBase):
    """A stream that first replays the sniffed head, then continues with the rest."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._head:
            count = min(len(buffer), len(self._head))
            buffer[:count] = self._head[:count]
            self._head = self._head[count:]
            return count
        chunk = self._rest.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)
