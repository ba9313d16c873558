"""RSS and Atom feeds: each entry becomes a document (feedparser)."""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from totor.readers.base import Document, ReaderError, ReadError, ReadOptions
from totor.readers.html import fragment_to_text
from totor.readers.text import clean_text, has_words, normalise_date, strip_furniture


def read_feed(data: bytes, source: str, options: ReadOptions) -> Iterator[Document | ReadError]:
    """One document per entry; the feed's title is every entry's outlet."""
    import feedparser  # only needed when a feed comes in

    parsed = feedparser.parse(data)
    entries = list(parsed.get("entries", []))
    if not entries:
        if parsed.get("bozo"):
            problem = parsed.get("bozo_exception")
            yield ReadError(source, f"malformed feed XML: {problem}")
        else:
            yield ReadError(source, "feed has no entries")
        return
    outlet = _text(parsed.get("feed", {}).get("title"))
    for index, entry in enumerate(entries, start=1):
        where = f"{source}#{index}"
        try:
            yield _entry_document(entry, where, outlet, options)
        except ReaderError as exc:
            yield ReadError(where, str(exc))


def _entry_document(entry: Any, source: str, outlet: str | None, options: ReadOptions) -> Document:
    body = _entry_body(entry)
    if not has_words(body):
        raise ReaderError("feed entry has no text")
    if len(body.encode("utf-8")) > options.max_bytes:
        raise ReaderError(f"text larger than max_bytes ({options.max_bytes:,} bytes)")
    title = _text(entry.get("title"))
    if title:
        title = clean_text(fragment_to_text(title)) or title
    return Document(
        text=body,
        source=source,
        title=title,
        url=_text(entry.get("link")),
        published=_entry_date(entry),
        outlet=outlet,
        id=_text(entry.get("id")),
        meta={"author": author} if (author := _text(entry.get("author"))) else {},
    )


def _entry_body(entry: Any) -> str:
    """The fullest text the entry carries: content:encoded / Atom content, else summary."""
    candidates = [part.get("value", "") for part in entry.get("content", []) or []]
    candidates.append(entry.get("summary", "") or "")
    best = max(candidates, key=len)
    return strip_furniture(fragment_to_text(best))


def _entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            # feedparser gives UTC struct_time
            moment = datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
            return moment.isoformat()
    for key in ("published", "updated", "date"):
        if entry.get(key):
            return normalise_date(entry[key])
    return None


def _text(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None
