"""``totor_times``: temporal expressions, normalised against the publication date.

Candidates come from spaCy's DATE/TIME entities and from totor's own Matcher patterns
(data/times.json). Each candidate is normalised by totor's rules first; ``dateparser``
is asked only about numeric dates the rules do not read ("10/07/2023"), and its answers
are cached.

Conventions (news practice):

* a weekday is the most recent such day on or before publication ("on Tuesday" in a
  Tuesday paper is that day); "next Tuesday" is the first one after it;
* "October 7" without a year takes the year that puts it on or before publication;
* "overnight" is the night before publication: start = published - 1 day, end = published;
* "the past year", "the last 24 hours" are periods ending at publication (start = published
  minus the period, end = published) because they locate when something happened;
* durations ("seven months", "for three days", "48 hours") and ages ("25-year-old") are
  not times and are dropped, as are expressions the rules cannot place ("recent years");
* anchor is "absolute" when the text carries its year, "published" when it was resolved
  against the publication date, and "unknown" (start/end null) when it needs a publication
  date the caller did not give;
* each mention is its own Time, in text order (t1, t2, ...): repeated expressions are
  not merged, because a Time has a single span and later components link by position.
"""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from totor.model import Time, TimeAnchor, TimePrecision
from totor.nlp import extensions

_CLOCK_RE = re.compile(r"^(\d{1,2})(?::(\d{2}))?$")
_ORDINAL_DAY_RE = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?$")
_DECADE_RE = re.compile(r"^(1[89]\d0|20\d0)s$")
_NUMERIC_DATE_RE = re.compile(r"^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}$")


@dataclass(frozen=True)
class Normalised:
    """Where an expression sits on the calendar."""

    start: str | None
    end: str | None
    precision: TimePrecision
    anchor: TimeAnchor


@dataclass(frozen=True)
class _Vocabulary:
    months: dict[str, int]
    weekdays: dict[str, int]
    relative_days: dict[str, int]
    overnight: frozenset[str]
    parts_of_day: frozenset[str]
    edge_words: frozenset[str]
    trim_leading: frozenset[str]
    units: dict[str, str]
    clock_suffixes: frozenset[str]
    patterns: list[dict[str, Any]]
    anaphoric_days: dict[str, int]
    anaphoric_directions: dict[str, int]
    anaphoric_ordinals: dict[str, int]
    vague_amounts: dict[str, int]
    future_modals: frozenset[str]
    prospective_verbs: frozenset[str]
    reporting_verbs: frozenset[str]
    parts_of_month: dict[str, tuple[int, int | None]]
    parts_of_year: dict[str, tuple[int, int]]


@cache
def vocabulary() -> _Vocabulary:
    raw: dict[str, Any] = json.loads(
        resources.files("totor.nlp").joinpath("data/times.json").read_text("utf-8")
    )
    lists = {
        "$MONTHS": sorted(raw["months"]),
        "$WEEKDAYS": sorted(raw["weekdays"]),
        "$PARTS": raw["parts_of_day"],
        "$CLOCK": raw["clock_suffixes"],
    }

    def expand(value: Any) -> Any:
        if isinstance(value, str) and value in lists:
            return lists[value]
        if isinstance(value, dict):
            return {k: expand(v) for k, v in value.items()}
        if isinstance(value, list):
            return [expand(v) for v in value]
        return value

    return _Vocabulary(
        months=raw["months"],
        weekdays=raw["weekdays"],
        relative_days=raw["relative_days"],
        overnight=frozenset(raw["overnight"]),
        parts_of_day=frozenset(raw["parts_of_day"]),
        edge_words=frozenset(raw["edge_words"]),
        trim_leading=frozenset(raw["trim_leading"]),
        units=raw["calendar_units"],
        clock_suffixes=frozenset(raw["clock_suffixes"]),
        patterns=expand(raw["patterns"]),
        anaphoric_days=raw["anaphoric_days"],
        anaphoric_directions=raw["anaphoric_directions"],
        anaphoric_ordinals=raw["anaphoric_ordinals"],
        vague_amounts=raw["vague_amounts"],
        future_modals=frozenset(raw["future_modals"]),
        prospective_verbs=frozenset(raw["prospective_verbs"]),
        reporting_verbs=frozenset(raw["reporting_verbs"]),
        parts_of_month={k: (v[0], v[1]) for k, v in raw["parts_of_month"].items()},
        parts_of_year={k: (v[0], v[1]) for k, v in raw["parts_of_year"].items()},
    )


def parse_published(value: object) -> date | None:
    """The publication date from an ISO date/datetime string (or date); None if absent."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


# --- calendar arithmetic -------------------------------------------------------------


def _day(d: date, anchor: TimeAnchor = "published") -> Normalised:
    return Normalised(d.isoformat(), d.isoformat(), "day", anchor)


def _month(year: int, month: int, anchor: TimeAnchor) -> Normalised:
    last = calendar.monthrange(year, month)[1]
    return Normalised(
        date(year, month, 1).isoformat(), date(year, month, last).isoformat(), "month", anchor
    )


def _year(year: int, anchor: TimeAnchor) -> Normalised:
    return Normalised(f"{year:04d}-01-01", f"{year:04d}-12-31", "year", anchor)


def _shift_month(d: date, months: int) -> tuple[int, int]:
    index = d.year * 12 + d.month - 1 + months
    return index // 12, index % 12 + 1


def _minus(d: date, amount: int, unit: str) -> date:
    if unit in ("day", "hour"):
        return d - timedelta(days=amount if unit == "day" else max(1, -(-amount // 24)))
    if unit == "week":
        return d - timedelta(weeks=amount)
    if unit in ("month", "year"):
        year, month = _shift_month(d, -amount * (12 if unit == "year" else 1))
        return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))
    return d


def _unknown(precision: TimePrecision) -> Normalised:
    return Normalised(None, None, precision, "unknown")


# --- the rules --------------------------------------------------------------------------


def _number(word: str, approx: bool = False) -> int | None:
    """The amount a phrase states; with ``approx``, "nearly 30" counts as 30."""
    from totor.nlp.numbers import parse_quantity

    quantity = parse_quantity(word)
    if quantity is None or quantity.value is None:
        return None
    if not approx and (quantity.approx or quantity.low is not None):
        return None
    return int(quantity.value)


def _clock(words: Sequence[str]) -> tuple[int, int] | None:
    vocab = vocabulary()
    for i, word in enumerate(words):
        match = _CLOCK_RE.match(word)
        if not match:
            continue
        suffix = words[i + 1] if i + 1 < len(words) else ""
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if suffix in vocab.clock_suffixes or match.group(2):
            if suffix.startswith("p") and hour < 12:
                hour += 12
            elif suffix.startswith("a") and hour == 12:
                hour = 0
            if hour < 24 and minute < 60:
                return hour, minute
    return None


_RANGE_JOINERS = ("to", "and", "through", "until", "till", "-", "–")


def normalise(
    words: Sequence[str],
    published: date | None,
    titles: Sequence[bool] | None = None,
    future: bool = False,
    reference: date | None = None,
) -> Normalised | None:
    """Place an expression (its lower-cased words) on the calendar, or None if it is not one.

    ``titles`` says which words were written with a capital (so that "may" the verb is
    not taken for May the month). ``future`` says the clause is about what will happen
    ("talks will resume on Wednesday"): then a bare weekday or day of a month is the
    next one rather than the last one. ``reference`` is the day the text last mentioned:
    expressions that count from it ("a day earlier", "the previous year") are placed
    against it, or against publication when there is none.
    """
    if titles is None:
        titles = [True] * len(words)
    kept = [
        (w, t)
        for i, (w, t) in enumerate(zip(words, titles, strict=False))
        # "mid - March" is one expression, not a range
        if w not in (",", "'s") and not (w == "-" and i > 0 and words[i - 1] == "mid")
    ]
    words = [w for w, _ in kept]
    titles = [t for _, t in kept]
    for i, word in enumerate(words):
        if word in _RANGE_JOINERS and 0 < i < len(words) - 1:
            if word == "and" and words[0] != "between":
                return None  # a list of two dates: each is read alone
            # "between 2014 and 2021", "September 25 to Friday", "2010-2011"
            left_words = [w for w in words[:i] if w not in ("between", "from")]
            left = _normalise_one(
                left_words, published, titles[i - len(left_words) : i], future, reference
            )
            right = _normalise_one(words[i + 1 :], published, titles[i + 1 :], future, reference)
            if left is None or right is None:
                return None
            if (
                left.start
                and right.start
                and right.end
                and left.start > right.end
                and any(w in vocabulary().weekdays for w in words[i + 1 :])
            ):
                # "from Monday to Wednesday" in a Tuesday paper: the Wednesday after Monday
                later = date.fromisoformat(right.start[:10]) + timedelta(days=7)
                right = _day(later, right.anchor)
            if left.start and right.end and left.start > right.end:
                return None
            anchor = left.anchor if left.anchor == right.anchor else "published"
            if None in (left.start, right.end):
                anchor = "unknown"
            return Normalised(left.start, right.end, left.precision, anchor)
    return _normalise_one(words, published, titles, future, reference)


def _normalise_one(
    words: Sequence[str],
    published: date | None,
    titles: Sequence[bool],
    future: bool,
    reference: date | None = None,
) -> Normalised | None:
    vocab = vocabulary()
    joined = " ".join(words)
    if not words or any(w in ("old", "year-old", "years-old") or w.endswith("-old") for w in words):
        return None

    year = month = day = weekday = None
    for i, word in enumerate(words):
        if word in vocab.months and titles[i]:
            month = vocab.months[word]
        elif word in vocab.weekdays:
            weekday = vocab.weekdays[word]
        elif len(word) == 4 and word.isdigit() and 1800 <= int(word) <= 2100:
            year = int(word)
        elif month is not None and day is None and (m := _ORDINAL_DAY_RE.match(word)):
            day = int(m.group(1))
    if day is None and month is not None:
        # "7 October": the day precedes the month
        for i, word in enumerate(words):
            if (
                (m := _ORDINAL_DAY_RE.match(word))
                and i + 1 < len(words)
                and words[i + 1] in vocab.months
            ):
                day = int(m.group(1))
    months_named = sum(1 for i, w in enumerate(words) if w in vocab.months and titles[i])
    if months_named > 1 or sum(1 for w in words if w in vocab.weekdays) > 1:
        return None  # two dates run together ("October 7 and Oct. 8"): read each alone
    clock = _clock(words)

    if year is not None:
        if month and day:
            try:
                d = date(year, month, day)
            except ValueError:
                return None
            return _with_clock(_day(d, "absolute"), clock)
        if month:
            return _part_of_month(words, _month(year, month, "absolute"))
        if any(w in vocab.units for w in words):
            return None  # "2014 years", odd; not a date
        return _part_of_year(words, year, "absolute")

    if month and day:
        if published is None:
            return _unknown("day")
        try:
            d = date(published.year, month, day)
            if future and d < published:
                d = date(published.year + 1, month, day)
            elif not future and d > published:
                d = date(published.year - 1, month, day)
        except ValueError:
            return None
        return _with_clock(_day(d), clock)

    if month:
        if published is None:
            return _unknown("month")
        if "next" in words:
            y = published.year + (month <= published.month)
        elif "last" in words and month == published.month:
            y = published.year - 1
        else:
            y = published.year if month <= published.month else published.year - 1
            if future and month > published.month:
                y = published.year
        return _part_of_month(words, _month(y, month, "published"))

    if weekday is not None:
        if published is None:
            return _unknown("hour" if clock else "day")
        back = (published.weekday() - weekday) % 7
        if "next" in words or (future and "last" not in words and back != 0):
            d = published + timedelta(days=(weekday - published.weekday()) % 7 or 7)
        elif "last" in words and back == 0:
            d = published - timedelta(days=7)
        else:
            d = published - timedelta(days=back)
        return _with_clock(_day(d), clock)

    decade = next((m for w in words if (m := _DECADE_RE.match(w))), None)
    if decade:
        first = int(decade.group(1))
        # "the 1800s" is a century, "the 1860s" a decade
        last = first + (99 if first % 100 == 0 else 9)
        return Normalised(f"{first:04d}-01-01", f"{last:04d}-12-31", "year", "absolute")

    core = " ".join(w for w in words if w not in ("early", "late", "the", "on", "in", "since"))
    if joined in vocab.overnight or core in vocab.overnight:
        if published is None:
            return _unknown("day")
        return Normalised(
            (published - timedelta(days=1)).isoformat(), published.isoformat(), "day", "published"
        )
    for text in (joined, core):
        if text in vocab.relative_days:
            if published is None:
                return _unknown("day")
            return _day(published + timedelta(days=vocab.relative_days[text]))

    anaphoric = _anaphoric(words, reference or published)
    if anaphoric is not None:
        return anaphoric
    if clock is not None and all(
        w in vocab.clock_suffixes or _CLOCK_RE.match(w) or w in ("around", "about", "local", "time")
        for w in words
    ):
        # a bare clock time ("around 3 a.m. local time") is on the day last spoken of
        base = reference or published
        return _with_clock(_day(base), clock) if base else _unknown("hour")

    return _relative_unit(words, published)


def _part_of_month(words: Sequence[str], whole: Normalised) -> Normalised:
    """ "late January" is the last part of the month, "mid-March" its middle."""
    part = next(
        (vocabulary().parts_of_month[w] for w in words if w in vocabulary().parts_of_month), None
    )
    if part is None or whole.start is None or whole.end is None:
        return whole
    first = date.fromisoformat(whole.start)
    last = date.fromisoformat(whole.end)
    start = first.replace(day=part[0])
    end = last if part[1] is None else first.replace(day=part[1])
    return Normalised(start.isoformat(), end.isoformat(), whole.precision, whole.anchor)


def _part_of_year(words: Sequence[str], year: int, anchor: TimeAnchor) -> Normalised:
    """ "early 2020" is its first months, "late last year" its last ones."""
    part = next(
        (vocabulary().parts_of_year[w] for w in words if w in vocabulary().parts_of_year), None
    )
    if part is None:
        return _year(year, anchor)
    last_day = calendar.monthrange(year, part[1])[1]
    return Normalised(
        date(year, part[0], 1).isoformat(),
        date(year, part[1], last_day).isoformat(),
        "month",
        anchor,
    )


def _anaphoric(words: Sequence[str], base: date | None) -> Normalised | None:
    """Expressions that count from a time the text gave: "one day earlier", "the day after",
    "two weeks later", "the previous year". ``base`` is that time (or publication)."""
    vocab = vocabulary()
    joined = " ".join(w for w in words if w != "just")
    if joined in vocab.anaphoric_days:
        if base is None:
            return _unknown("day")
        return _day(base + timedelta(days=vocab.anaphoric_days[joined]))
    kept = [w for w in words if w not in ("just", "some", "about", "around", "only")]
    if len(kept) >= 2 and kept[-1] in vocab.anaphoric_directions and kept[-2] in vocab.units:
        unit = vocab.units[kept[-2]]
        amount_words = kept[:-2]
        if not amount_words or unit == "hour":
            amount: int | None = 0 if unit == "hour" or not amount_words else None
            if unit != "hour":
                return None  # "days later": no amount to count by
        elif amount_words[-1] in ("a", "an"):
            amount = 1
        else:
            amount = _number(" ".join(amount_words), approx=True)
        if amount is None or unit not in ("day", "week", "month", "year", "hour"):
            return None
        if base is None:
            return _unknown("day")
        shifted = _minus(
            base, -amount * vocab.anaphoric_directions[kept[-1]], "day" if unit == "hour" else unit
        )
        return _day(shifted)
    if len(kept) == 3 and kept[0] in ("the", "that") and kept[1] in vocab.anaphoric_ordinals:
        unit = vocab.units.get(kept[2], "")
        if unit not in ("day", "week", "month", "year"):
            return None
        if base is None:
            return _unknown(unit)  # type: ignore[arg-type]
        offset = vocab.anaphoric_ordinals[kept[1]]
        if unit == "day":
            return _day(base + timedelta(days=offset))
        if unit == "week":
            monday = base - timedelta(days=base.weekday()) + timedelta(weeks=offset)
            return Normalised(
                monday.isoformat(), (monday + timedelta(days=6)).isoformat(), "week", "published"
            )
        if unit == "month":
            y, m = _shift_month(base, offset)
            return _month(y, m, "published")
        return _year(base.year + offset, "published")
    return None


def _with_clock(norm: Normalised, clock: tuple[int, int] | None) -> Normalised:
    if clock is None or norm.start is None:
        return norm
    stamp = f"{norm.start}T{clock[0]:02d}:{clock[1]:02d}"
    return Normalised(stamp, stamp, "hour", norm.anchor)


def _relative_unit(words: Sequence[str], published: date | None) -> Normalised | None:
    """ "last week", "earlier this month", "three days ago", "the past 24 hours"."""
    vocab = vocabulary()
    unit_at = next((i for i, w in enumerate(words) if w in vocab.units), None)
    if unit_at is None:
        return None
    unit = vocab.units[words[unit_at]]
    before = words[:unit_at]
    after = words[unit_at + 1 :]
    precision: TimePrecision = "day" if unit in ("hour", "weekend") else unit  # type: ignore[assignment]
    if unit not in ("day", "week", "month", "year", "hour", "weekend"):
        return None

    if "ago" in after:
        if not before:
            return None  # "years ago": no amount to place it by
        amount = 1 if before[-1] in ("a", "an") else _number(" ".join(before), approx=True)
        if amount is None or unit == "weekend":
            return None
        if published is None:
            return _unknown(precision)
        d = _minus(published, amount, unit)
        if unit == "month":
            return _month(d.year, d.month, "published")
        if unit == "year":
            return _year(d.year, "published")
        if unit == "week":
            # "six weeks ago" names the day that many weeks back, not a calendar week
            return Normalised(d.isoformat(), d.isoformat(), "week", "published")
        return _day(d)

    vague = next((vocab.vague_amounts[w] for w in before if w in vocab.vague_amounts), None)
    if (
        vague is not None
        and unit != "weekend"
        and ("recent" in before or before[:2] in (["the", "past"], ["the", "last"]))
    ):
        # "in recent days", "over the last couple of weeks": a period ending at publication
        if published is None:
            return _unknown(precision)
        start = _minus(published, vague, unit)
        if unit == "month":
            start = start.replace(day=1)
        elif unit == "year":
            start = start.replace(month=1, day=1)
        return Normalised(start.isoformat(), published.isoformat(), precision, "published")

    if before[:1] == ["the"] and len(before) >= 2 and before[1] in ("past", "last"):
        # a period ending at publication
        amount_words = before[2:]
        amount = 1 if not amount_words else _number(" ".join(amount_words))
        if amount is None or unit == "weekend":
            return None
        if published is None:
            return _unknown(precision)
        return Normalised(
            _minus(published, amount, unit).isoformat(),
            published.isoformat(),
            precision,
            "published",
        )

    if len(before) >= 1 and before[-1] in ("this", "last", "next", "the") and not after:
        which = before[-1]
        earlier = "earlier" in before or "early" in before
        if published is None:
            return _unknown("week" if unit == "weekend" else precision)
        if unit == "weekend":
            saturday = published - timedelta(days=(published.weekday() - 5) % 7)
            # "this weekend" written on a weekday is the coming one; "last weekend",
            # "the weekend" is the one just gone
            if which == "next" or (which == "this" and published.weekday() < 5):
                saturday += timedelta(days=7)
            return Normalised(
                saturday.isoformat(), (saturday + timedelta(days=1)).isoformat(), "day", "published"
            )
        if any(w in ("beginning", "start") for w in before) and unit in ("week", "month", "year"):
            # "since the beginning of the year": from the start of the current one
            y, m = (published.year, 1) if unit == "year" else (published.year, published.month)
            first = (
                date(y, m, 1) if unit != "week" else published - timedelta(days=published.weekday())
            )
            return Normalised(first.isoformat(), published.isoformat(), precision, "published")
        if which == "the":
            return None
        offset = {"this": 0, "last": -1, "next": 1}[which]
        if unit == "week":
            monday = published - timedelta(days=published.weekday()) + timedelta(weeks=offset)
            end = published if earlier and offset == 0 else monday + timedelta(days=6)
            return Normalised(monday.isoformat(), end.isoformat(), "week", "published")
        if unit == "month":
            y, m = _shift_month(published, offset)
            norm = _month(y, m, "published")
        elif unit == "year":
            norm = _part_of_year(before, published.year + offset, "published")
        else:
            return None
        if earlier and offset == 0:
            return Normalised(norm.start, published.isoformat(), norm.precision, norm.anchor)
        if "later" in before and offset == 0 and norm.end:
            # "later this year": what is left of it after publication
            after_day = published + timedelta(days=1)
            if unit == "year":
                y, m = _shift_month(published, 1)
                after_day = max(after_day, date(y, m, 1)) if y == published.year else after_day
            return Normalised(after_day.isoformat(), norm.end, norm.precision, norm.anchor)
        return norm
    return None


@lru_cache(maxsize=4096)
def _dateparser(text: str, published: date | None) -> Normalised | None:
    """Numeric dates ("10/07/2023", "2023-10-07") through dateparser, no network, cached."""
    import dateparser

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if published is not None:
        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    if parsed is None:
        return None
    return _day(parsed.date(), "absolute")


# --- the component ---------------------------------------------------------------------


#: words besides the calendar vocabulary that anchor a pattern ("three days ago")
_ANCHOR_WORDS = ("ago", "recent", "beginning", "start", "day", "days", "earlier", "later")
_ANCHOR_SHAPES = frozenset({"dddd", "d:dd", "dd:dd"})
#: tokens on each side of an anchor the matcher sees; longer than any pattern
_WINDOW = 8


class TimeFinder:
    """Find and normalise temporal expressions in a parsed Doc."""

    def __init__(self, vocab: Vocab, use_entities: bool = True, use_dateparser: bool = True):
        self.matcher = Matcher(vocab)
        for i, entry in enumerate(vocabulary().patterns):
            self.matcher.add(f"TOTOR_TIME_{entry['label']}_{i}", [entry["pattern"]])
        self.use_entities = use_entities
        self.use_dateparser = use_dateparser
        words = vocabulary()
        # every pattern holds one of these words or shapes; running the matcher only
        # around them keeps its cost off the rest of the text
        self.anchor_words = frozenset(
            w.lower()
            for group in (
                words.months,
                words.weekdays,
                words.relative_days,
                words.units,
                words.clock_suffixes,
                words.parts_of_day,
                words.overnight,
                _ANCHOR_WORDS,
            )
            for w in group
        )

    def _windows(self, doc: Doc) -> list[tuple[int, int]]:
        """Token ranges around the words a time expression must contain, merged."""
        windows: list[tuple[int, int]] = []
        for token in doc:
            if not (
                token.lower_ in self.anchor_words
                or token.shape_ in _ANCHOR_SHAPES
                or _NUMERIC_DATE_RE.match(token.text)
            ):
                continue
            start, end = max(0, token.i - _WINDOW), min(len(doc), token.i + _WINDOW + 1)
            if windows and start <= windows[-1][1]:
                windows[-1] = (windows[-1][0], end)
            else:
                windows.append((start, end))
        return windows

    def candidates(self, doc: Doc) -> list[tuple[int, int]]:
        spans = {
            (start + offset, end + offset)
            for offset, stop in self._windows(doc)
            for _, start, end in self.matcher(doc[offset:stop])
        }
        if self.use_entities:
            spans.update((e.start, e.end) for e in doc.ents if e.label_ in ("DATE", "TIME"))
        # trimmed first ("since Feb." must not beat "Feb. 24"), then longest first, so
        # "early on Saturday" wins over "Saturday"
        trimmed = {self._trim(doc, start, end) for start, end in spans}
        return sorted((s for s in trimmed if s[0] < s[1]), key=lambda s: (s[0] - s[1], s[0]))

    def _trim(self, doc: Doc, start: int, end: int) -> tuple[int, int]:
        vocab = vocabulary()
        while start < end:
            token = doc[start]
            nxt = doc[start + 1].lower_ if start + 1 < end else ""
            count_before_date = (
                token.like_num
                and not (len(token.text) == 4 and token.text.isdigit())
                and nxt not in vocab.months
                and nxt not in vocab.units
                and nxt not in _RANGE_JOINERS
            )
            # "40 last month": the count belongs to the figure, not to the time
            if token.lower_ in vocab.trim_leading or token.is_punct or count_before_date:
                start += 1
            else:
                break
        while end > start and (doc[end - 1].is_punct or doc[end - 1].lower_ in _RANGE_JOINERS):
            end -= 1
        return start, end

    @staticmethod
    def _future(span: Span) -> bool:
        """Whether the clause governing the span speaks of what is still to come.

        Future auxiliaries ("will meet Thursday", "would be out by September 11"), a
        to-infinitive under a verb of intent ("is scheduled to travel Wednesday") and the
        present tense of a non-reporting verb ("there's another meeting Wednesday", "the
        summit opens Monday") look ahead; past forms and "officials say Tuesday" do not.
        """
        vocab = vocabulary()
        token = span.root
        for _ in range(4):
            if token.pos_ in ("VERB", "AUX"):
                break
            if token.head == token:
                return False
            token = token.head
        else:
            return False
        if token.pos_ not in ("VERB", "AUX"):
            return False
        if token.lower_ in vocab.future_modals:
            return True
        auxiliaries = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
        if any(c.lower_ in ("have", "has", "had", "'ve") for c in auxiliaries):
            return False  # "would have met", "has met": already happened
        if any(c.lower_ in vocab.future_modals for c in auxiliaries):
            return True
        if token.tag_ == "VB" and any(c.tag_ == "TO" for c in auxiliaries):
            return token.head.lemma_.lower() in vocab.prospective_verbs or (
                token.head.lemma_.lower() == "be" and token.head.head.lemma_.lower() == "due"
            )
        if token.lemma_.lower() in vocab.prospective_verbs and token.tag_ == "VBN":
            # "the vote is set for Sunday", "talks are scheduled for Monday"
            return any(c.tag_ in ("VBZ", "VBP") for c in auxiliaries)
        present = token.tag_ in ("VBZ", "VBP") or (
            token.tag_ == "VBG" and any(c.tag_ in ("VBZ", "VBP") for c in auxiliaries)
        )
        # the present looks ahead only for a named day ("the summit opens Monday");
        # "the fourth attack this year", "inflation is high in March" stay where they are
        names_day = any(t.lower_ in vocab.weekdays for t in span)
        return present and names_day and token.lemma_.lower() not in vocab.reporting_verbs

    def normalise_span(
        self, span: Span, published: date | None, reference: date | None = None
    ) -> Normalised | None:
        words = [t.lower_ for t in span]
        titles = [t.is_title or t.is_upper for t in span]
        if self._not_a_time(span):
            return None
        # "since December" always looks back
        looks_back = span.start > 0 and span.doc[span.start - 1].lower_ == "since"
        future = not looks_back and self._future(span)
        norm = normalise(words, published, titles, future, reference)
        if norm is None and self.use_dateparser:
            texts = [w for w in words if _NUMERIC_DATE_RE.match(w)]
            if len(texts) == 1:
                norm = _dateparser(texts[0], published)
        return norm

    @staticmethod
    def _not_a_time(span: Span) -> bool:
        """Words that look like times but do not place anything on the calendar."""
        doc = span.doc
        before = doc[span.start - 1] if span.start > 0 else None
        after = doc[span.end] if span.end < len(doc) else None
        if span[-1].lower_ in ("earlier", "later") and after is not None and after.lower_ == "than":
            return True  # "a month later than expected" compares, it does not date
        if (
            span[-1].lower_ in ("after", "before")
            and after is not None
            and after.pos_ in ("DET", "NOUN", "PROPN", "NUM", "PRON", "ADJ")
        ):
            # "the day after the 40 were deported" counts from an event, not a date
            return True
        if len(span) == 1 and span[0].lower_ == "overnight":
            # "an overnight raid" says how the raid went, not when
            return span[0].dep_ == "amod" or (before is not None and before.pos_ == "DET")
        if len(span) == 1 and span[0].shape_ == "dddd" and before is not None:
            # a year inside a name: "Vision 2030", "Euro 2024", "Agenda 2063"
            return (
                before.pos_ == "PROPN"
                and before.is_title
                and before.lower_ not in vocabulary().months
                and before.ent_type_ != "DATE"
            )
        return False

    def find(self, doc: Doc, published: date | None) -> list[Time]:
        taken: list[tuple[int, int]] = []
        picked: list[Span] = []
        for start, end in self.candidates(doc):
            if any(start < b and a < end for a, b in taken):
                continue
            span = doc[start:end]
            if self.normalise_span(span, published) is None:
                continue
            taken.append((start, end))
            picked.append(span)
        # second pass in text order: "one day earlier" counts from the time just before it
        picked.sort(key=lambda s: s.start)
        chosen: list[tuple[Span, Normalised]] = []
        day_reference: date | None = None  # the last single day the text named
        reference: date | None = None  # the last day, month or year it named
        for span in picked:
            counts_days = any(
                t.lower_ in ("day", "days", "hours", "hour", "week", "weeks") for t in span
            ) or span[-1].lower_ in ("a.m.", "p.m.", "am", "pm", "time")
            norm = self.normalise_span(span, published, day_reference if counts_days else reference)
            if norm is None:
                continue
            chosen.append((span, norm))
            # periods that run up to publication ("the past year") set no reference
            ends_at_publication = published is not None and norm.end == published.isoformat()
            if norm.start and norm.end and norm.start[:10] == norm.end[:10]:
                reference = day_reference = date.fromisoformat(norm.start[:10])
            elif norm.start and norm.precision in ("month", "year") and not ends_at_publication:
                reference = date.fromisoformat(norm.start[:10])
        return [
            Time(
                id=f"t{i}",
                text=span.text,
                start=norm.start,
                end=norm.end,
                precision=norm.precision,
                anchor=norm.anchor,
                span=(span.start_char, span.end_char),
            )
            for i, (span, norm) in enumerate(chosen, start=1)
        ]


class TimesComponent:
    """spaCy component: writes ``doc._.times``."""

    def __init__(self, nlp: Language, name: str, use_entities: bool, use_dateparser: bool):
        self.name = name
        self.finder = TimeFinder(nlp.vocab, use_entities, use_dateparser)

    def __call__(self, doc: Doc) -> Doc:
        doc._.times = self.finder.find(doc, parse_published(doc._.published))
        return doc


@Language.factory(
    "totor_times",
    requires=["doc.ents"],
    assigns=["doc._.times"],
    default_config={"use_entities": True, "use_dateparser": True},
)
def make_times(
    nlp: Language, name: str, use_entities: bool, use_dateparser: bool
) -> TimesComponent:
    extensions.register_extensions()
    return TimesComponent(nlp, name, use_entities, use_dateparser)
