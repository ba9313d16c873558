"""JSON and JSON-lines records: ``id, url, title, text, published, outlet``.

Other names news dumps use for these keys ("date", "source", "body", "link", ...) are read
too; the list is ``data/json_fields.json``. Other short scalar fields go to ``meta``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources
from typing import Any

from totor.readers.base import Document, ReaderError, ReadError, ReadOptions
from totor.readers.text import clean_text, has_words, normalise_date, strip_furniture

# Keys under which a JSON document wraps its list of records.
_WRAPPERS = ("articles", "items", "records", "documents", "docs", "data", "results", "entries")
_MARKUP = re.compile(r"<(p|br|div|span|a|em|strong|b|i|h[1-6]|li|ul)\b[^>]*>", re.I)
_META_MAX_CHARS = 300


def read_jsonl(
    lines: Iterable[bytes], source: str, options: ReadOptions
) -> Iterator[Document | ReadError]:
    """One item per non-blank line; a bad line gives an error for that line only."""
    for number, raw in enumerate(lines, start=1):
        where = f"{source}:{number}"
        if not raw.strip():
            continue
        if len(raw) > options.max_bytes:
            yield ReadError(where, f"record larger than max_bytes ({options.max_bytes:,} bytes)")
            continue
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            yield ReadError(where, f"invalid UTF-8 at column {exc.start + 1}")
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadError(where, f"invalid JSON: {exc.msg} (column {exc.colno})")
            continue
        if isinstance(record, list):  # a line is one record, not a batch
            yield ReadError(where, "record is a JSON list, not an object")
            continue
        yield from _records(record, where, options)


def read_json(text: str, source: str, options: ReadOptions) -> Iterator[Document | ReadError]:
    """Records of a JSON document: one object, a list of objects, or {"articles": [...]}."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield ReadError(source, f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}")
        return
    yield from _records(data, source, options)


def _records(data: object, source: str, options: ReadOptions) -> Iterator[Document | ReadError]:
    """Documents of one parsed JSON value: an object, a list, or a wrapper of a list."""
    if isinstance(data, dict) and _field(data, "text") is None:
        for key in _WRAPPERS:
            if isinstance(data.get(key), list):
                data = data[key]
                break
    if isinstance(data, list):
        if not data:
            yield ReadError(source, "empty JSON list: no records")
        for index, record in enumerate(data, start=1):
            yield _document_or_error(record, f"{source}[{index}]", options)
        return
    yield _document_or_error(data, source, options)


def record_to_document(record: object, source: str, options: ReadOptions) -> Document:
    """A ``Document`` from one JSON record; ``ReaderError`` when it cannot be one."""
    if not isinstance(record, dict):
        raise ReaderError(f"record is a JSON {_json_kind(record)}, not an object")
    raw_text = _field(record, "text")
    text = _text_value(raw_text)
    if not has_words(text):
        raise ReaderError("record has no text" if raw_text is None else "record text is empty")
    if len(text.encode("utf-8")) > options.max_bytes:
        raise ReaderError(f"text larger than max_bytes ({options.max_bytes:,} bytes)")
    used = {key for key in _fields() if _field_key(record, key)}
    used_keys = {_field_key(record, key) for key in used}
    meta = {
        str(key): str(value)
        for key, value in record.items()
        if key not in used_keys
        and isinstance(value, str | int | float)
        and not isinstance(value, bool)
        and len(str(value)) <= _META_MAX_CHARS
    }
    raw_published = _field(record, "published")
    published = normalise_date(raw_published)
    if raw_published is not None and published is None:
        meta["published_raw"] = str(raw_published)
    return Document(
        text=text,
        source=source,
        title=_scalar(_field(record, "title")),
        url=_scalar(_field(record, "url")),
        published=published,
        outlet=_scalar(_field(record, "outlet")),
        id=_scalar(_field(record, "id")),
        meta=meta,
    )


def _document_or_error(record: object, source: str, options: ReadOptions) -> Document | ReadError:
    try:
        return record_to_document(record, source, options)
    except ReaderError as exc:
        return ReadError(source, str(exc))


def _text_value(value: object) -> str:
    if isinstance(value, list):
        value = "\n\n".join(str(part) for part in value if isinstance(part, str))
    if not isinstance(value, str):
        return ""
    if len(_MARKUP.findall(value[:20000])) >= 2:
        from totor.readers.html import fragment_to_text

        return strip_furniture(fragment_to_text(value))
    return strip_furniture(clean_text(value))


def _scalar(value: object) -> str | None:
    """A field as text; a nested object such as {"name": "Reuters"} gives its name."""
    if isinstance(value, dict):
        for key in ("name", "title", "id", "href", "url"):
            if isinstance(value.get(key), str | int):
                return _scalar(value[key])
        return None
    if value is None or isinstance(value, bool | list):
        return None
    text = " ".join(str(value).split())
    return text or None


def _field_key(record: dict[str, Any], field: str) -> str | None:
    lowered = {str(key).lower(): key for key in record}
    for alias in _fields()[field]:
        key = lowered.get(alias)
        if key is not None and record[key] not in (None, "", []):
            return str(key)
    return None


def _field(record: dict[str, Any], field: str) -> Any:
    key = _field_key(record, field)
    return None if key is None else record[key]


def _json_kind(value: object) -> str:
    if isinstance(value, list):
        return "list"
    if isinstance(value, str):
        return "string"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    return "number"


@lru_cache(maxsize=1)
def _fields() -> dict[str, tuple[str, ...]]:
    raw = resources.files("totor.readers").joinpath("data/json_fields.json").read_text("utf-8")
    table = json.loads(raw)
    return {key: tuple(names) for key, names in table.items() if not key.startswith("_")}
