"""Plain-text articles: whitespace, headline, dateline, byline and page furniture.

The conventions (all optional, in any order among the first lines)::

    Israeli tanks push into Rafah                  <- title: short, no closing punctuation
    Published: 7 May 2024                          <- dateline: gives ``published``
    By Jane Doe                                    <- byline: kept in ``meta["byline"]``

    Body paragraphs, separated by blank lines.

Whole lines of page furniture ("Comments", "Share this article", "© 2024 ...") are dropped
wherever they stand; the list lives in ``data/boilerplate.txt``.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime
from functools import lru_cache
from importlib import resources

from totor.readers.base import Document, ReaderError

#: a headline has fewer words than this
TITLE_MAX_WORDS = 15
#: a furniture line has at most this many words
FURNITURE_MAX_WORDS = 12

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_MANY_BREAKS = re.compile(r"\n{3,}")
_SENTENCE_END = re.compile(r"[.!?\"”’'…:;,]$")
# Headlines do end in a question mark or a closing quote ("Can the truce hold?"), but so do
# short first sentences; such a line is taken as a title only when a blank line follows.
_QUESTION_OR_QUOTE_END = re.compile(r"[?\"”’']$")
_DATELINE = re.compile(
    r"^(?:(?:first\s+)?published|posted|updated|last\s+updated|date|dated|filed)"
    r"(?:\s+on)?\s*[:\-–—]?\s*(?P<date>.+)$",
    re.I,
)
_BYLINE = re.compile(
    r"^[Bb][Yy]\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}(?:\s*(?:,|and|&)\s*.{0,60})?$"
)
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
# A line that is nothing but a date: "7 May 2024", "May 7, 2024 08:15 GMT", "2024-05-07".
_BARE_DATE = re.compile(
    rf"^(?:(?:mon|tue|wed|thu|fri|sat|sun)\w*,?\s+)?"
    rf"(?:\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"
    rf"(?:[ ,T]+\d{{1,2}}[:.]\d{{2}}(?::\d{{2}})?\s*(?:am|pm)?\s*(?:[A-Z]{{2,4}}|[+-]\d{{2}}:?\d{{2}}|Z)?)?$",
    re.I,
)
_HAS_TIME = re.compile(r"\d{1,2}[:.]\d{2}|T\d{2}")


# ---------------------------------------------------------------------------------------
# public helpers


def read_text(text: str, source: str = "<text>", **metadata: str | None) -> Document:
    """A ``Document`` from a plain-text article (title, dateline, furniture handled).

    Keyword arguments (``url``, ``outlet``, ``published``, ``title``, ``id``) fill what the
    text itself does not give.
    """
    body, title, published, byline = parse_header(clean_text(text))
    body = strip_furniture(body)
    if not has_words(body):
        raise ReaderError("no article text (empty, or only a headline or page furniture)")
    meta = {"byline": byline} if byline else {}
    return Document(
        text=body,
        source=source,
        title=metadata.get("title") or title,
        url=metadata.get("url"),
        published=metadata.get("published") or published,
        outlet=metadata.get("outlet"),
        id=metadata.get("id"),
        meta=meta,
    )


def clean_text(text: str) -> str:
    """Unicode-normalised text with tidy spaces and paragraphs kept as blank lines.

    Hard-wrapped paragraphs (lines broken at a fixed width) are joined back into one line;
    lines that each hold a paragraph are left as they are.
    """
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _ZERO_WIDTH.sub("", text).replace("\f", "\n\n").replace("\v", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    blocks: list[str] = []
    current: list[str] = []
    for line in [*lines, ""]:
        if line:
            current.append(line)
        elif current:
            blocks.append(_join_wrapped(current))
            current = []
    return _MANY_BREAKS.sub("\n\n", "\n\n".join(blocks)).strip()


def strip_furniture(text: str) -> str:
    """``text`` without lines of page furniture (anywhere) and empty trailing paragraphs."""
    kept = [line for line in text.split("\n") if not is_furniture(line)]
    out = _MANY_BREAKS.sub("\n\n", "\n".join(kept)).strip()
    return out


def is_furniture(line: str) -> bool:
    """Whether a whole line is page furniture rather than article prose."""
    stripped = line.strip()
    if not stripped or len(stripped.split()) > FURNITURE_MAX_WORDS:
        return False
    lowered = _SPACES.sub(" ", stripped.lower())
    literals, patterns = _furniture()
    if lowered.strip(" .:!|»›>-–—•·") in literals:
        return True
    return any(pattern.fullmatch(lowered) for pattern in patterns)


def parse_header(text: str) -> tuple[str, str | None, str | None, str | None]:
    """Split the headline, dateline and byline off the top of ``text``.

    Returns (body, title, published ISO date or None, byline or None). Only the first few
    lines are looked at; the first line that is none of these ends the header.
    """
    title: str | None = None
    published: str | None = None
    byline: str | None = None
    lines = text.split("\n")
    index = 0
    for _ in range(6):
        while index < len(lines) and not lines[index].strip():
            index += 1
        if index >= len(lines) - 1:
            break  # never take the last line: the body must remain
        line = lines[index].strip()
        if published is None and (found := _dateline_date(line)):
            published = found
        elif byline is None and _BYLINE.match(line) and len(line.split()) <= 10:
            byline = line[3:].strip()
        elif title is None and looks_like_title(line, blank_after=not lines[index + 1].strip()):
            title = line
        else:
            break
        index += 1
    return "\n".join(lines[index:]).strip(), title, published, byline


def looks_like_title(line: str, blank_after: bool = False) -> bool:
    """A headline: short, not ending like a sentence, not furniture, not a bare date.

    A line ending in "?" or a closing quote counts only when ``blank_after`` (a blank line
    follows it); one ending in ".", "!", ":" or "," never does.
    """
    words = line.split()
    ending_ok = not _SENTENCE_END.search(line) or (
        blank_after and _QUESTION_OR_QUOTE_END.search(line) is not None
    )
    return (
        0 < len(words) < TITLE_MAX_WORDS
        and ending_ok
        and not is_furniture(line)
        and any(ch.isalpha() for ch in line)
    )


def normalise_date(value: object) -> str | None:
    """ISO 8601 text for a date in any common shape, or None when it is not a date.

    Dates without a time of day come out as ``YYYY-MM-DD``; epoch numbers as UTC datetimes.
    Numeric dates such as 05/07/2024 are read day first, as most of the world's press does.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float):
        seconds = value / 1000 if value > 1e11 else value  # milliseconds in many dumps
        try:
            return datetime.fromtimestamp(seconds, tz=UTC).isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()
    if not text or len(text) > 80:
        return None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        parsed = None
    if parsed is None:
        import dateparser  # slow to import; only needed for free-form dates

        parsed = dateparser.parse(
            text,
            languages=["en"],
            settings={"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first"},
        )
    if parsed is None:
        return None
    if not _HAS_TIME.search(text):
        return parsed.date().isoformat()
    return parsed.isoformat()


def has_words(text: str, minimum: int = 3) -> bool:
    """Whether ``text`` holds at least ``minimum`` words with letters in them."""
    count = 0
    for word in text.split():
        if any(ch.isalpha() for ch in word):
            count += 1
            if count >= minimum:
                return True
    return False


# ---------------------------------------------------------------------------------------
# internals


def _dateline_date(line: str) -> str | None:
    if len(line.split()) > 10:
        return None
    match = _DATELINE.match(line)
    candidate = match.group("date") if match else line
    if not _BARE_DATE.match(candidate.strip()):
        return None
    return normalise_date(candidate.strip())


def _join_wrapped(block: list[str]) -> str:
    """One paragraph of a hard-wrapped block; other blocks keep their line breaks."""
    if len(block) < 3:
        return "\n".join(block)
    widths = [len(line) for line in block[:-1]]
    # Wrapped text: every line but the last is long and of near-equal width, and most of
    # them stop mid-sentence.
    wrapped = (
        min(widths) >= 40
        and max(widths) - min(widths) <= 25
        and sum(1 for line in block[:-1] if not _SENTENCE_END.search(line)) * 2 > len(widths)
    )
    return " ".join(block) if wrapped else "\n".join(block)


@lru_cache(maxsize=1)
def _furniture() -> tuple[frozenset[str], tuple[re.Pattern[str], ...]]:
    raw = resources.files("totor.readers").joinpath("data/boilerplate.txt").read_text("utf-8")
    literals: set[str] = set()
    patterns: list[re.Pattern[str]] = []
    for line in raw.splitlines():
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        if entry.startswith("re:"):
            patterns.append(re.compile(entry[3:]))
        else:
            literals.add(entry.lower())
    return frozenset(literals), tuple(patterns)
