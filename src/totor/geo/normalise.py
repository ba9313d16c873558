"""The one form names are compared in: accents off, lower case, punctuation folded."""

from __future__ import annotations

import re
import unicodedata

# Apostrophes and transliteration marks vanish ("Be'eri" = "Beeri", "Ṣan‘ā’" = "Sana");
# dots go too so that "U.S." = "US"; dashes and commas become spaces.
_DROP = re.compile(r"[\u0027\u2018\u2019\u02bb\u02bc\u02be\u02bf`´.\u201c\u201d\"]")
_SPACE = re.compile(r"[\s\-\u2010-\u2015,/()]+")
_LEADING_THE = re.compile(r"^the ")


def normalise(name: str) -> str:
    """The lookup key of a place name: 'the Gaza Strip' -> 'gaza strip'."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    folded = _SPACE.sub(" ", _DROP.sub("", stripped.casefold())).strip()
    return _LEADING_THE.sub("", folded)


def is_latin(key: str) -> bool:
    """Whether a normalised key is plain Latin letters, digits and spaces."""
    return key.isascii() and bool(key) and any(ch.isalpha() for ch in key)
