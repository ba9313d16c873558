"""The article text with its evidence marked up, and the cards the popovers show.

The text is cut at every span boundary; each piece is escaped on its own and wrapped in a
``<span>`` whose classes name the kinds of item covering it and whose ``data-items``
lists their ids. Nothing from the article reaches the page unescaped: the only markup is
built here from fixed class names and escaped ids.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise

from markupsafe import Markup, escape

from totor.model import Article

#: kinds in the order they are painted: later kinds sit on top (sentence-long kinds first)
KINDS: tuple[tuple[str, str], ...] = (
    ("event", "event sentence"),
    ("claim", "claim"),
    ("trigger", "event trigger"),
    ("time", "time"),
    ("actor", "actor"),
    ("place", "place"),
    ("figure", "figure"),
    ("label", "label"),
)
KIND_NAMES = dict(KINDS)


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str
    item: str  # the record's item id: "e1", "v2"...


@dataclass
class Card:
    """What a popover shows for one item: its fields and the text that proves it."""

    item: str
    kind: str
    title: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    quote: str = ""
    link: str | None = None


def _spans(article: Article) -> Iterable[Mark]:
    for entity in article.entities:
        for start, end in entity.mentions:
            yield Mark(start, end, "actor", entity.id)
    for place in article.places:
        for start, end in place.mentions:
            yield Mark(start, end, "place", place.id)
    for time in article.times:
        yield Mark(*time.span, "time", time.id)
    for figure in article.figures:
        for start, end in {tuple(figure.span), *(tuple(s) for s in figure.spans)}:
            yield Mark(start, end, "figure", figure.id)
    for claim in article.claims:
        yield Mark(*claim.span, "claim", claim.id)
    for event in article.events:
        for start, end in {tuple(event.span), *(tuple(s) for s in event.spans)}:
            yield Mark(start, end, "event", event.id)
        yield Mark(*event.trigger, "trigger", event.id)
    for label in article.labels:
        yield Mark(*label.span, "label", label.id)


def marks(article: Article) -> list[Mark]:
    """Every span of the record, clipped to the text; empty or inverted spans dropped."""
    size = len(article.text)
    found = []
    for mark in _spans(article):
        start, end = max(0, mark.start), min(size, mark.end)
        if start < end:
            found.append(Mark(start, end, mark.kind, mark.item))
    return found


def highlight(text: str, spans: list[Mark]) -> Markup:
    """The text as HTML: every piece escaped, covered pieces wrapped in classed spans."""
    cuts = sorted({0, len(text), *(m.start for m in spans), *(m.end for m in spans)})
    order = {kind: index for index, (kind, _) in enumerate(KINDS)}
    starting: dict[int, list[Mark]] = {}
    for mark in spans:
        starting.setdefault(mark.start, []).append(mark)
    active: list[Mark] = []
    anchored: set[str] = set()
    out: list[str] = []
    for start, end in pairwise(cuts):
        active = [m for m in active if m.end > start] + starting.get(start, [])
        piece = escape(text[start:end])
        if not active:
            out.append(piece)
            continue
        for mark in starting.get(start, []):
            if mark.item not in anchored:  # a target for links to the item (#at-v2)
                anchored.add(mark.item)
                out.append(f'<span class="anchor" id="at-{escape(mark.item)}"></span>')
        kinds = sorted({m.kind for m in active}, key=lambda kind: order.get(kind, 99))
        items = sorted({m.item for m in active})
        classes = " ".join(f"k-{kind}" for kind in kinds)
        out.append(
            f'<span class="hl {classes}" data-items="{escape(" ".join(items))}">{piece}</span>'
        )
    return Markup("".join(out))


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def cards(article: Article, event_pks: dict[str, int] | None = None) -> list[Card]:
    """A card for every item of the record, in record order."""
    event_pks = event_pks or {}
    quote = article.quote
    entities = {entity.id: entity for entity in article.entities}
    places = {place.id: place for place in article.places}
    times = {time.id: time for time in article.times}
    claims = {claim.id: claim for claim in article.claims}
    figures = {figure.id: figure for figure in article.figures}

    def name_of(entity_id: str | None) -> str:
        return entities[entity_id].name if entity_id in entities else ""

    def source_of(claim_id: str | None) -> str:
        if claim_id not in claims:
            return article.outlet or "the outlet"
        claim = claims[claim_id]
        return f"{name_of(claim.speaker_entity) or claim.speaker} ({claim.cue})"

    found: list[Card] = []
    for entity in article.entities:
        first = entity.mentions[0] if entity.mentions else (0, 0)
        found.append(
            Card(
                entity.id,
                "actor",
                entity.name,
                [
                    ("kind", entity.kind),
                    ("country", entity.country or ""),
                    ("aliases", ", ".join(entity.aliases)),
                    ("mentions", str(len(entity.mentions))),
                ],
                quote(first),
            )
        )
    for place in article.places:
        first = place.mentions[0] if place.mentions else (0, 0)
        coordinates = f"{place.lat:.3f}, {place.lon:.3f}" if place.lat is not None else ""
        found.append(
            Card(
                place.id,
                "place",
                place.name,
                [
                    ("feature", place.feature),
                    ("country", place.country or ""),
                    ("region", place.admin1 or ""),
                    ("coordinates", coordinates),
                    ("geonameid", str(place.geonameid or "")),
                ],
                quote(first),
            )
        )
    for time in article.times:
        found.append(
            Card(
                time.id,
                "time",
                time.text,
                [
                    ("start", time.start or ""),
                    ("end", time.end or ""),
                    ("precision", time.precision),
                    ("anchor", time.anchor),
                ],
                quote(time.span),
            )
        )
    for figure in article.figures:
        bounds = (
            f"{_number(figure.low)} – {_number(figure.high)}"
            if figure.low is not None or figure.high is not None
            else ""
        )
        found.append(
            Card(
                figure.id,
                "figure",
                f"{_number(figure.value) or '?'} {figure.measure}",
                [
                    ("range", bounds),
                    ("approximate", "yes" if figure.approx else "no"),
                    ("unit", figure.unit),
                    ("subject", name_of(figure.subject_entity) or figure.subject),
                    ("place", places[figure.place].name if figure.place in places else ""),
                    ("time", times[figure.time].text if figure.time in times else ""),
                    ("source", source_of(figure.claim)),
                ],
                quote(figure.span),
            )
        )
    for claim in article.claims:
        found.append(
            Card(
                claim.id,
                "claim",
                f"{name_of(claim.speaker_entity) or claim.speaker} {claim.cue}",
                [
                    ("speaker", claim.speaker),
                    ("speaker entity", name_of(claim.speaker_entity)),
                    ("kind", claim.kind),
                    ("content", quote(claim.content)),
                ],
                quote(claim.span),
            )
        )
    for event in article.events:
        pk = event_pks.get(event.id)
        found.append(
            Card(
                event.id,
                "event",
                f"{event.type}" + (f" · {event.mode}" if event.mode else ""),
                [
                    ("status", event.status),
                    ("actor", ", ".join(name_of(key) for key in event.actor)),
                    (
                        "target",
                        ", ".join(name_of(key) for key in event.target)
                        or (
                            places[event.target_place].name if event.target_place in places else ""
                        ),
                    ),
                    ("place", places[event.place].name if event.place in places else ""),
                    ("time", times[event.time].text if event.time in times else ""),
                    (
                        "figures",
                        "; ".join(
                            f"{_number(figures[key].value) or '?'} {figures[key].measure}"
                            for key in event.figures
                            if key in figures
                        ),
                    ),
                    ("trigger", quote(event.trigger)),
                    ("source", source_of(event.claim)),
                    ("confidence", f"{event.confidence:.2f}"),
                ],
                quote(event.span),
                f"/events/{pk}" if pk is not None else None,
            )
        )
    for label in article.labels:
        found.append(
            Card(
                label.id,
                "label",
                f"“{label.term}”",
                [
                    ("refers to", name_of(label.refers_to)),
                    ("used by", source_of(label.claim)),
                ],
                quote(label.span),
            )
        )
    for card in found:  # an empty field says nothing: leave it out
        card.fields = [(name, value) for name, value in card.fields if value]
    return found
