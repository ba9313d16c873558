"""``totor_lines``: sentence starts at paragraph breaks, set before the parser runs.

The parser reads "Drone strike kills 10, Ukraine says\\n\\nODESA, Ukraine - A Russian drone
slammed..." as one sentence, which hands the headline's words to the lede's events and makes
"Ukraine" the subject of "slammed". A blank line, or a line break after a sentence's final
punctuation, starts a new sentence; a single line break inside running text (hard-wrapped
prose) does not. A dateline ("ODESA, Ukraine -", "ISLAMABAD/PENTAGON —") is cut off from
the sentence it opens.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

#: characters that end a sentence when a line ends with them
_FINAL = frozenset('.!?:;"”’)')
#: dashes that close a dateline
_DASHES = frozenset({"-", "—", "–", "--"})
#: tokens a dateline may hold besides capitalised words
_DATELINE_MARKS = frozenset({",", "(", ")", ".", "/", "of", "de", "the", "and", "al", "el"})
_MAX_DATELINE = 10


class LineBreaks:
    """Marks the first token after a paragraph break as a sentence start."""

    def __init__(self, name: str = "totor_lines") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        starts = [0]
        for token in doc[1:]:
            previous = doc[token.i - 1]
            if token.is_space:
                continue
            gap = previous.text if previous.is_space else previous.whitespace_
            if "\n" not in gap:
                continue
            before = doc[token.i - 2] if previous.is_space and token.i >= 2 else previous
            if gap.count("\n") >= 2 or (before.text and before.text[-1] in _FINAL):
                token.is_sent_start = True
                starts.append(token.i)
        for start in starts:
            end = _dateline_end(doc, start)
            if end is not None and end < len(doc):
                doc[end].is_sent_start = True
        return doc


def _dateline_end(doc: Doc, start: int) -> int | None:
    """The index of the first token after a dateline opening a line, if there is one:
    an all-capitals place, then capitalised words or marks, then a dash."""
    first = doc[start]
    if not (first.is_upper and first.is_alpha and len(first.text) >= 2):
        return None
    for token in doc[start + 1 : start + _MAX_DATELINE]:
        spaced = token.whitespace_ and doc[token.i - 1].whitespace_
        if token.text in _DASHES and spaced:
            return token.i + 1  # " - ", not the hyphen in "Secretary-General" or "US-led"
        if token.text in _DATELINE_MARKS or token.text[:1].isupper() or token.is_space:
            continue
        return None
    return None


@Language.factory("totor_lines", requires=["token.text"], assigns=["token.is_sent_start"])
def make_line_breaks(nlp: Language, name: str) -> LineBreaks:
    return LineBreaks(name=name)
