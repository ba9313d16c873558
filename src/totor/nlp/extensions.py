"""The ``Doc._`` extensions totor's components read and write.

Each component assigns one list; later components read earlier ones. A component run
alone finds the lists of the components it did not run empty, never missing.
"""

from __future__ import annotations

from typing import Any, cast

from spacy.tokens import Doc, Span

from totor.model import ENTITY_KINDS, Claim, Entity, Event, Figure, Label, Place, Time

#: extension name -> what it holds. The names are part of the public API.
DOC_EXTENSIONS: dict[str, str] = {
    "published": "ISO date or datetime the article was published (str | None); set by the caller",
    "entities": "list[totor.model.Entity] from totor_actors",
    "places": "list[totor.model.Place] from totor_places",
    "times": "list[totor.model.Time] from totor_times",
    "claims": "list[totor.model.Claim] from totor_claims",
    "labels": "list[totor.model.Label] from totor_labels",
    "figures": "list[totor.model.Figure] from totor_figures",
    "events": "list[totor.model.Event] from totor_events",
}


def register_extensions() -> None:
    """Register every extension once; safe to call again."""
    if not Doc.has_extension("published"):
        Doc.set_extension("published", default=None)
    for name in DOC_EXTENSIONS:
        if name != "published" and not Doc.has_extension(name):
            # getter-free list default: spaCy copies nothing, so each component
            # assigns a fresh list rather than appending to a shared default.
            Doc.set_extension(name, default=None)


def get_list(doc: Doc, name: str) -> list[Any]:
    """The list an extension holds, or an empty list when its component did not run."""
    value = getattr(doc._, name)
    return value if value is not None else []


def entities(doc: Doc) -> list[Entity]:
    return get_list(doc, "entities")


def places(doc: Doc) -> list[Place]:
    return get_list(doc, "places")


def times(doc: Doc) -> list[Time]:
    return get_list(doc, "times")


def claims(doc: Doc) -> list[Claim]:
    return get_list(doc, "claims")


def labels(doc: Doc) -> list[Label]:
    return get_list(doc, "labels")


def figures(doc: Doc) -> list[Figure]:
    return get_list(doc, "figures")


def events(doc: Doc) -> list[Event]:
    return get_list(doc, "events")


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per doc: spaCy rebuilds the string on every access."""
    text = doc.user_data.get("totor_text")
    if text is None:
        text = doc.text
        doc.user_data["totor_text"] = text
    return text


def _sentence_index(doc: Doc) -> tuple[list[Span], list[int]]:
    """The doc's sentences and, per token, the number of its sentence. ``Token.sent``
    rescans the whole doc on every call in spaCy 3; this is built once per doc and kept
    in ``doc.user_data``."""
    index = doc.user_data.get("totor_sentence_index")
    if index is None:
        spans = list(doc.sents)
        owner = [0] * len(doc)
        for n, span in enumerate(spans):
            owner[span.start : span.end] = [n] * (span.end - span.start)
        index = (spans, owner)
        doc.user_data["totor_sentence_index"] = index
    return cast(tuple[list[Span], list[int]], index)


def sentence_of(doc: Doc, token_index: int) -> Span:
    """The sentence holding a token."""
    spans, owner = _sentence_index(doc)
    return spans[owner[token_index]]


def sentence_number(doc: Doc, token_index: int) -> int:
    """The position of a token's sentence in the doc (0 for the first)."""
    return _sentence_index(doc)[1][token_index]


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def entity_at(doc: Doc, start: int, end: int) -> Entity | None:
    """The entity with a mention overlapping characters [start, end), if any."""
    for entity in entities(doc):
        for mention in entity.mentions:
            if _overlaps((mention[0], mention[1]), (start, end)):
                return entity
    return None


def place_at(doc: Doc, start: int, end: int) -> Place | None:
    """The place with a mention overlapping characters [start, end), if any."""
    for place in places(doc):
        for mention in place.mentions:
            if _overlaps((mention[0], mention[1]), (start, end)):
                return place
    return None


def claim_covering(doc: Doc, start: int, end: int) -> Claim | None:
    """The innermost claim whose content or whole span covers [start, end)."""
    best: Claim | None = None
    for claim in claims(doc):
        lo, hi = claim.span
        if lo <= start and end <= hi and (best is None or hi - lo < best.span[1] - best.span[0]):
            best = claim
    return best


#: which entity kinds a pronoun can stand for: "he" a person, "it" an organisation or
#: state, "they" those or a people
_GROUP_KINDS = frozenset(ENTITY_KINDS) - {"person", "people"}
_PRONOUN_KINDS: dict[str, frozenset[str]] = {
    "person": frozenset({"person"}),
    "group": _GROUP_KINDS,
    "plural": _GROUP_KINDS | {"people"},
}
PRONOUN_CLASS: dict[str, str] = {
    "he": "person",
    "she": "person",
    "him": "person",
    "her": "person",
    "his": "person",
    "it": "group",
    "its": "group",
    "they": "plural",
    "them": "plural",
    "their": "plural",
    "we": "plural",
    "our": "plural",
}


def antecedent(doc: Doc, before: int, pronoun: str) -> Entity | None:
    """The entity a pronoun at character ``before`` most likely stands for: the compatible
    one mentioned last before it. None for words that are not such pronouns."""
    pronoun_class = PRONOUN_CLASS.get(pronoun.lower())
    if pronoun_class is None:
        return None
    kinds = _PRONOUN_KINDS[pronoun_class]
    best: Entity | None = None
    best_at = -1
    for entity in entities(doc):
        if entity.kind not in kinds:
            continue
        for start, _end in entity.mentions:
            if best_at < start < before:
                best, best_at = entity, start
    return best


register_extensions()
