"""Which format an input is in, from its first bytes, and how to turn bytes into text.

The file name is only a tie-break: a page saved as ``.txt`` is still HTML and a JSONL dump
without an extension is still JSONL.
"""

from __future__ import annotations

import codecs
import re
import zlib
from enum import StrEnum

from totor.readers.base import ReaderError

#: how many leading bytes sniffing looks at
HEAD_BYTES = 65_536


class Format(StrEnum):
    TEXT = "text"
    HTML = "html"
    JSON = "json"
    JSONL = "jsonl"
    FEED = "feed"
    WARC = "warc"
    GZIP = "gzip"  # gzip around something that is not WARC: unpack, then sniff again


# Magic numbers of binary files people drop into article folders by mistake; naming the
# kind makes the error message useful ("PNG image" rather than "binary").
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "zip archive (or DOCX/XLSX)"),
    (b"PK\x05\x06", "zip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office document"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"\x7fELF", "executable"),
    (b"RIFF", "RIFF media file"),
    (b"\x1aE\xdf\xa3", "video file"),
    (b"ID3", "MP3 audio"),
    (b"SQLite format 3\x00", "SQLite database"),
)

_GZIP_MAGIC = b"\x1f\x8b"
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# control characters that never occur in text (tab, newline, form feed, CR and ESC aside)
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")
_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.I | re.S)
_HTML_TAG = re.compile(
    rb"<(p|div|br|span|a|h[1-6]|article|section|main|table|ul|li|meta|title|script|b|i|em|strong)\b[^>]*>",
    re.I,
)
_FEED_ROOT = re.compile(rb"<(rss|feed|rdf:rdf|channel)\b", re.I)
_XML_DECL = re.compile(rb"^\s*<\?xml\b", re.I)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.I,
)
# A whole, valid UTF-8 multi-byte sequence. Finding one in bytes that still fail to decode as
# UTF-8 means UTF-8 text with damage, which no single-byte code page would read correctly.
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def binary_kind(head: bytes) -> str | None:
    """What kind of binary file ``head`` starts, or None when it may be text."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head.startswith(_GZIP_MAGIC) or head.lstrip().startswith(b"WARC/"):
        return None  # compressed, or an archive whose records are checked one by one
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return None  # UTF-16/32 text carries NUL bytes but is text
    if b"\x00" in head:
        return "contains NUL bytes"
    sample = head[:8192]
    if sample and len(_CONTROL.findall(sample)) / len(sample) > 0.05:
        return "many control characters"
    return None


def sniff(head: bytes, name: str = "") -> Format:
    """The format of an input from its first bytes (``name`` only breaks ties)."""
    if head.startswith(_GZIP_MAGIC):
        return Format.WARC if _gunzip_head(head).startswith(b"WARC/") else Format.GZIP
    body = _strip_bom(head).lstrip()
    if body.startswith(b"WARC/"):
        return Format.WARC
    if body.startswith((b"{", b"[")):
        first_line = body.split(b"\n", 1)[0].strip()
        # A complete object on the first line is a JSON-lines file (a one-record file reads
        # the same either way); an opening brace alone starts a pretty-printed document.
        if first_line.startswith(b"{") and first_line.endswith(b"}"):
            return Format.JSONL
        return Format.JSON
    if body.startswith(b"<"):
        if _HTML_START.match(body):
            return Format.HTML
        window = body[:4096]
        if _FEED_ROOT.search(window):
            return Format.FEED
        if _XML_DECL.match(body) or name.lower().endswith((".rss", ".atom", ".xml")):
            return Format.FEED
        return Format.HTML
    if len(_HTML_TAG.findall(body[:16384])) >= 3:
        return Format.HTML  # a fragment that starts with text but is marked up
    return Format.TEXT


def decode(data: bytes, declared: str | None = None) -> str:
    """Text of ``data``.

    Order: a byte-order mark; UTF-8; the charset the input declares (HTTP header, HTML meta,
    XML prolog); then Windows-1252, but only when every byte maps to a character and the
    bytes hold no valid UTF-8 multi-byte sequence. Bytes that are UTF-8 with damage are an
    error, not a guess: decoding them as cp1252 would silently give mojibake ("Ã©"), and
    replacing bad bytes would silently change the article, so the user is told which byte
    is wrong instead.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise ReaderError(f"undecodable {encoding} text at byte {exc.start}") from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    for candidate in (declared, declared_charset(data)):
        if not candidate or _is_utf8(candidate):
            continue
        try:
            return data.decode(candidate)
        except (LookupError, UnicodeDecodeError):
            continue
    if not _UTF8_MULTIBYTE.search(data):
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    raise ReaderError(
        f"invalid UTF-8 at byte {utf8_error.start} "
        f"(byte 0x{data[utf8_error.start]:02x}) and no other encoding fits; "
        "re-save the file as UTF-8"
    )


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML or XML document declares in its first bytes, if any."""
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = (match.group(1) or match.group(2)).decode("ascii", "replace")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def charset_from_content_type(content_type: str | None) -> str | None:
    """The ``charset=`` of an HTTP Content-Type header, if any."""
    if not content_type:
        return None
    match = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", content_type, re.I)
    return match.group(1) if match else None


def _is_utf8(encoding: str) -> bool:
    try:
        return codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        return False


def _strip_bom(data: bytes) -> bytes:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            # UTF-16/32: sniff on an ASCII rendering of the start
            if encoding.startswith("utf-8"):
                return data[len(bom) :]
            return data[len(bom) :].decode(encoding, "ignore").encode("ascii", "ignore")
    return data


def _gunzip_head(head: bytes) -> bytes:
    try:
        return zlib.decompressobj(wbits=31).decompress(head, 64)
    except zlib.error:
        return b""


def gunzip(data: bytes, limit: int) -> bytes:
    """Unpacked ``data``; an error when it unpacks to more than ``limit`` bytes."""
    unpacker = zlib.decompressobj(wbits=47)
    try:
        out = unpacker.decompress(data, limit + 1)
    except zlib.error as exc:
        raise ReaderError(f"broken gzip data: {exc}") from exc
    if len(out) > limit:
        raise ReaderError(f"unpacks to more than max_bytes ({limit:,} bytes)")
    return out


__all__ = [
    "HEAD_BYTES",
    "Format",
    "binary_kind",
    "charset_from_content_type",
    "declared_charset",
    "decode",
    "gunzip",
    "sniff",
]
