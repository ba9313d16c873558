"""WARC / WARC.gz web archives: each HTML ``response`` record is read as a page (warcio)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import IO

from totor.readers.base import Document, ReaderError, ReadError, ReadOptions
from totor.readers.detect import binary_kind, charset_from_content_type, decode
from totor.readers.html import read_html

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(
    stream: IO[bytes], source: str, options: ReadOptions
) -> Iterator[Document | ReadError]:
    """Documents of the HTML responses in a WARC stream, in archive order.

    Records that are not successful HTML responses (requests, metadata, images, redirects,
    error pages) are skipped without a message: a crawl is full of them. A damaged archive
    gives one error at the point of damage, after the records read before it.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    found = 0
    number = 0
    try:
        for record in ArchiveIterator(stream):
            number += 1
            if record.rec_type not in ("response", "resource"):
                continue
            where = f"{source}#{number}"
            headers = record.http_headers
            content_type = headers.get_header("Content-Type") if headers else None
            if record.rec_type == "resource":
                content_type = record.rec_headers.get_header("Content-Type")
            if content_type and not content_type.lower().startswith(_HTML_TYPES):
                continue
            status = headers.get_statuscode() if headers else None
            if status and not str(status).startswith("2"):
                continue
            body = record.content_stream().read(options.max_bytes + 1)
            found += 1
            if len(body) > options.max_bytes:
                yield ReadError(
                    where, f"record larger than max_bytes ({options.max_bytes:,} bytes)"
                )
                continue
            # warcio stops quietly at the end of a cut-off file; the bytes the record
            # header promised but the file lacks are what shows the damage.
            missing = getattr(record.raw_stream, "limit", 0) or 0
            if missing > 0:
                yield ReadError(where, f"broken WARC: record truncated ({missing:,} bytes missing)")
                return
            yield _record_document(record, body, content_type, where)
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        detail = " ".join(str(exc).split()) or type(exc).__name__
        yield ReadError(f"{source}#{number + 1}", f"broken WARC: {detail[:200]}")
        return
    if not found:
        yield ReadError(source, "WARC holds no HTML response records")


def _record_document(
    record: object, body: bytes, content_type: str | None, source: str
) -> Document | ReadError:
    rec_headers = record.rec_headers  # type: ignore[attr-defined]
    url = rec_headers.get_header("WARC-Target-URI")
    try:
        if not body.strip():
            raise ReaderError("empty HTML response")
        if kind := binary_kind(body[:4096]):
            raise ReaderError(f"response body is {kind}, not HTML")
        html = decode(body, charset_from_content_type(content_type))
        document = read_html(html, source, url=url)
    except ReaderError as exc:
        return ReadError(source, str(exc))
    crawled = rec_headers.get_header("WARC-Date")
    if crawled:
        document = replace(document, meta={**document.meta, "crawled": crawled})
    return document
