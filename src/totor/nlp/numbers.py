"""Read quantities as news writes them: "more than 34,500", "between 30 and 40", "dozens".

The parser works on plain words so that it can be tested and reused without spaCy. A
``Quantity`` keeps the uncertainty the text expresses, following ACLED/UCDP practice:

* a bare number is exact: value = n, low = high = None, approx = False;
* "more than / over / at least n": low = n, high = None, value = n (the floor is the best
  estimate a coder may take), approx = True;
* "nearly / almost / up to / fewer than n": high = n, low = None, value = n, approx = True;
* "around / about / some / roughly / an estimated n": value = n, approx = True;
* ranges "between a and b", "a to b", "a-b", "a or b": low = a, high = b, value = a
  (the conservative end is the best estimate, as ACLED and UCDP code a reported range when
  no other source decides), approx = True;
* vague plurals ("dozens" 12, "scores" 20, "hundreds" 100, "thousands" 1000, "tens of
  thousands" 10,000 ...): value = low = the conventional minimum, high = None, approx = True;
* "a dozen" = 12 and approx = True ("a dozen" is seldom a count);
* "several hundred", "a few thousand": read as the plural ("hundreds", "thousands");
* percentages set ``percent``; so do shares written as fractions before "of"
  ("three-quarters of voters" = 75 percent, "half of the residents" = 50 percent).

Words the data file does not list ("several", "many", "a handful") are not numbers: totor
does not invent a value for them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import Any

_WORD_RE = re.compile(r"\d[\d,]*(?:\.\d+)?|[^\W\d_]+\.?|[%+\-–]|\S")
_DIGITS_RE = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")


@dataclass(frozen=True)
class Quantity:
    """A number read from text, with the uncertainty the text gives it."""

    value: float
    low: float | None = None
    high: float | None = None
    approx: bool = False
    percent: bool = False
    vague: bool = False


@dataclass(frozen=True)
class QuantityMatch:
    """A quantity found in a word sequence: words[start:end]."""

    start: int
    end: int
    quantity: Quantity


@dataclass(frozen=True)
class _Lexicon:
    units: dict[str, int]
    tens: dict[str, int]
    scales: dict[str, int]
    counted: dict[str, int]
    vague: dict[tuple[str, ...], int]
    half: dict[str, float]
    modifiers: dict[tuple[str, ...], str]
    suffixes: dict[tuple[str, ...], str]
    joiners: frozenset[str]
    percent: dict[tuple[str, ...], bool]
    fractions: dict[str, float]
    numerators: dict[str, int]
    longest_modifier: int


def _phrases(words: list[str]) -> list[tuple[str, ...]]:
    return [tuple(w.split()) for w in words]


@cache
def lexicon() -> _Lexicon:
    raw: dict[str, Any] = json.loads(
        resources.files("totor.nlp").joinpath("data/numbers.json").read_text("utf-8")
    )
    modifiers = {p: kind for kind, ws in raw["modifiers"].items() for p in _phrases(ws)}
    suffixes = {p: kind for kind, ws in raw["suffix_modifiers"].items() for p in _phrases(ws)}
    return _Lexicon(
        units=raw["units"],
        tens=raw["tens"],
        scales=raw["scales"],
        counted=raw["counted_words"],
        vague={tuple(k.split()): v for k, v in raw["vague"].items()},
        half=raw["half"],
        modifiers=modifiers,
        suffixes=suffixes,
        joiners=frozenset(raw["range_joiners"]),
        percent={p: True for p in _phrases(raw["percent_words"])},
        fractions=raw["fractions"],
        numerators=raw["fraction_numerators"],
        longest_modifier=max(len(p) for p in [*modifiers, *suffixes]),
    )


def split_words(text: str) -> list[str]:
    """Lower-cased words, digits and signs: "30-40" -> ["30", "-", "40"]."""
    return [w.lower() for w in _WORD_RE.findall(text)]


def digits_value(word: str) -> float | None:
    """The value of "34,500" or "1.5"; None for anything else (ordinals, codes, times)."""
    if not _DIGITS_RE.match(word):
        return None
    return float(word.replace(",", ""))


@dataclass(frozen=True)
class _Amount:
    end: int
    value: float
    approx: bool = False
    vague: bool = False
    scaled: int = 1


def _phrase_at(words: Sequence[str], i: int, table: dict[tuple[str, ...], Any]) -> int:
    """Length of the longest key of table starting at words[i] (0 if none)."""
    for size in range(min(4, len(words) - i), 0, -1):
        if tuple(words[i : i + size]) in table:
            return size
    return 0


def _word_number(words: Sequence[str], i: int) -> _Amount | None:
    """ "two hundred and fifty", "twenty-five", "three thousand", "a million", "a dozen"."""
    lex = lexicon()
    total = 0
    current = 0
    j = i
    seen = False
    approx = False
    last_scale = 1
    n = len(words)
    if j < n and words[j] in ("a", "an") and j + 1 < n:
        nxt = words[j + 1]
        if nxt in lex.scales:
            current, j, seen = 1, j + 1, True
        elif nxt in lex.counted:
            return _Amount(end=j + 2, value=float(lex.counted[nxt]), approx=True)
        else:
            return None
    while j < n:
        word = words[j]
        if word in lex.units and (
            not seen
            or (current % 10 == 0 and current % 100 != 0)
            or (last_scale > 1 and current == 0)
        ):
            current += lex.units[word]
        elif word in lex.tens and (not seen or current % 100 == 0):
            current += lex.tens[word]
        elif word in lex.scales and seen:
            scale = lex.scales[word]
            if scale == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * scale
                current = 0
            last_scale = scale
        elif word in lex.counted and seen:
            current *= lex.counted[word]
            approx = True
        elif (
            word == "-" and seen and j + 1 < n and words[j + 1] in lex.units and current % 10 == 0
        ) or (
            word == "and"
            and seen
            and j + 1 < n
            and (words[j + 1] in lex.units or words[j + 1] in lex.tens)
            and last_scale > 1
        ):
            j += 1
            continue
        else:
            break
        seen = True
        j += 1
    if not seen:
        return None
    return _Amount(end=j, value=float(total + current), approx=approx, scaled=last_scale)


def _amount(words: Sequence[str], i: int) -> _Amount | None:
    lex = lexicon()
    if i >= len(words):
        return None
    size = _phrase_at(words, i, lex.vague)
    if size:
        value = float(lex.vague[tuple(words[i : i + size])])
        return _Amount(end=i + size, value=value, approx=True, vague=True)
    word = words[i]
    if word in lex.half:
        # "half a million", "half-a-million"
        rest = _skip_hyphens(words, i + 1, 2)
        if len(rest) == 2 and words[rest[0]] in ("a", "an"):
            scale = lex.scales.get(words[rest[1]])
            if scale:
                return _Amount(end=rest[1] + 1, value=lex.half[word] * scale, scaled=scale)
    number = digits_value(word)
    if number is not None:
        j = i + 1
        scale = 1
        if j < len(words) and words[j] in lex.scales:
            scale = lex.scales[words[j]]
            j += 1
        elif j < len(words) and words[j] in lex.counted:
            return _Amount(end=j + 1, value=number * lex.counted[words[j]], approx=True)
        return _Amount(end=j, value=number * scale, scaled=scale)
    return _word_number(words, i)


def _skip_hyphens(words: Sequence[str], i: int, count: int) -> list[int]:
    """Indices of the next ``count`` words from i that are not hyphens."""
    found: list[int] = []
    while i < len(words) and len(found) < count:
        if words[i] not in ("-", "–"):
            found.append(i)
        i += 1
    return found


def _fraction(words: Sequence[str], i: int) -> tuple[int, Quantity] | None:
    """ "half of", "a third of", "two-thirds of", "three quarters of": a share in percent.
    Read only before "of": "half a million" is a number, "a third commission" none."""
    lex = lexicon()
    n = len(words)
    numerator = 1
    j = i
    if j < n and words[j] in lex.numerators and words[j] != "half":
        numerator = lex.numerators[words[j]]
        j += 1
        if j < n and words[j] in ("-", "–"):
            j += 1
    if j >= n or words[j] not in lex.fractions:
        return None
    if (j == i) != (words[j] == "half"):
        return None  # "half of" alone; "third" needs its numerator ("a third of")
    if j + 1 >= n or words[j + 1] != "of":
        return None
    share = round(numerator * lex.fractions[words[j]] * 100, 1)
    if share > 100:
        return None
    return j + 1, Quantity(value=share, percent=True)


def _core(words: Sequence[str], i: int) -> tuple[int, Quantity] | None:
    lex = lexicon()
    n = len(words)
    if i < n and words[i] == "between":
        first = _amount(words, i + 1)
        if first and first.end < n and words[first.end] == "and":
            second = _amount(words, first.end + 1)
            if second:
                return _range(first, second)
        return None
    first = _amount(words, i)
    if first is None:
        return None
    j = first.end
    if j + 1 < n and words[j] in lex.joiners:
        second = _amount(words, j + 1)
        if second is not None:
            ranged = _range(first, second)
            if ranged is not None:
                return ranged
    if first.vague:
        # ACLED: the conventional minimum is both the best estimate and the floor
        return j, Quantity(value=first.value, low=first.value, approx=True, vague=True)
    return j, Quantity(value=first.value, approx=first.approx)


def _range(first: _Amount, second: _Amount) -> tuple[int, Quantity] | None:
    low = first.value
    # "two to three million": the scale written once applies to both ends
    if second.scaled > 1 and first.scaled == 1 and low * second.scaled <= second.value:
        low *= second.scaled
    if second.value <= low:
        return None
    quantity = Quantity(value=low, low=low, high=second.value, approx=True)
    return second.end, quantity


def _apply(kind: str, q: Quantity) -> Quantity:
    if kind == "lower":
        return replace(q, low=q.low if q.low is not None else q.value, high=None, approx=True)
    if kind == "upper":
        return replace(q, high=q.high if q.high is not None else q.value, low=None, approx=True)
    return replace(q, approx=True)


def parse_at(words: Sequence[str], i: int) -> QuantityMatch | None:
    """The longest quantity starting at words[i], modifiers included."""
    lex = lexicon()
    size = _phrase_at(words, i, lex.modifiers)
    kind = lex.modifiers[tuple(words[i : i + size])] if size else None
    core = _fraction(words, i + size) or _core(words, i + size)
    if core is None and size:
        # "over" or "some" that is not a modifier here: no quantity starts at i
        return None
    if core is None:
        return None
    end, quantity = core
    if kind:
        quantity = _apply(kind, quantity)
    suffix = _phrase_at(words, end, lex.suffixes)
    if suffix:
        quantity = _apply(lex.suffixes[tuple(words[end : end + suffix])], quantity)
        end += suffix
    pct = _phrase_at(words, end, lex.percent)
    if pct:
        quantity = replace(quantity, percent=True)
        end += pct
    return QuantityMatch(start=i, end=end, quantity=quantity)


def scan(words: Sequence[str]) -> list[QuantityMatch]:
    """Every quantity in a word sequence, left to right, longest first, not overlapping."""
    found: list[QuantityMatch] = []
    i = 0
    while i < len(words):
        match = parse_at(words, i)
        if match is None:
            i += 1
            continue
        found.append(match)
        i = match.end
    return found


def parse_quantity(text: str) -> Quantity | None:
    """The quantity a whole phrase states, or None if the phrase is not just a quantity."""
    words = split_words(text)
    if not words:
        return None
    match = parse_at(words, 0)
    if match is None or match.end != len(words):
        return None
    return match.quantity
