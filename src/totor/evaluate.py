"""Score totor's records against gold files (``totor/gold@1``, see tests/gold/FORMAT.md).

Each kind of item (events, figures, claims, places, times, labels) is scored by precision,
recall and F1 over a one-to-one matching of gold items to extracted items: every candidate
pair gets a score (``None`` when the pair cannot match), and pairs are taken greedily, best
first. Scores are micro-averaged over articles.

Kinds reported:

- ``events``: same PLOVER type, found in a sentence that overlaps the gold evidence, actor
  and target overlap where gold names them, same place where both name one;
  ``events_type``: type and evidence alone (event detection).
- ``figures``: same measure and value; ``figures_attributed``: also the same speaker (or
  both unattributed).
- ``casualties_exact`` / ``casualties_exact_attributed``: per article and per measure
  (killed, injured), the extracted counts equal the gold counts exactly, in the sense of
  Zhong et al. (EACL 2023); the score is the share of (article, measure) pairs right.
- ``claims``: speaker matches and the content overlaps the gold evidence.
- ``places``: same GeoNames id, or within 25 km, or (for gold without an id) same name.
- ``times``: same start date.
- ``labels``: same term and, where gold says whom it refers to, that actor.

Actor names are compared through totor's alias table when ``totor.nlp.actors`` offers
``canonical_actor``, and by word overlap otherwise.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from totor.model import Article, Entity, Span
from totor.nlp.lexicon import load_json

#: kinds scored by P/R/F1, in the order tables show them
KINDS: tuple[str, ...] = (
    "events",
    "events_type",
    "figures",
    "figures_attributed",
    "claims",
    "places",
    "times",
    "labels",
)
#: kinds scored as exact-match accuracy per (article, measure)
EXACT_KINDS: tuple[str, ...] = ("casualties_exact", "casualties_exact_attributed")
CASUALTY_MEASURES: tuple[str, ...] = ("killed", "injured")
#: the gold list each kind is read from
GOLD_LIST: dict[str, str] = {
    "events": "events",
    "events_type": "events",
    "figures": "figures",
    "figures_attributed": "figures",
    "claims": "claims",
    "places": "places",
    "times": "times",
    "labels": "labels",
}
PLACE_RADIUS_KM = 25.0
#: share of the shorter of (gold evidence, extracted content) that must overlap
CLAIM_MIN_OVERLAP = 0.5

GoldItem = dict[str, Any]


# ---------------------------------------------------------------- names


@cache
def _words_data() -> tuple[frozenset[str], frozenset[str], dict[str, str]]:
    data = load_json("eval_words.json")
    return frozenset(data["stop"]), frozenset(data["generic"]), dict(data["abbreviations"])


_WORD = re.compile(r"[\w.'’]+")


def name_words(name: str) -> set[str]:
    """The distinctive words of a name: lower-cased, abbreviations expanded, stop words and
    words many actors share removed."""
    stop, generic, abbreviations = _words_data()
    words: set[str] = set()
    rest = name
    # multi-word forms first ("United States"), so their parts are not counted again
    for form, key in abbreviations.items():
        if " " in form:
            pattern = re.compile(rf"(?<!\w){re.escape(form)}(?!\w)", re.IGNORECASE)
            if pattern.search(rest):
                words.add(key)
                rest = pattern.sub(" ", rest)
    for raw in _WORD.findall(rest):
        piece = raw.strip("'’")
        for suffix in ("'s", "’s"):
            piece = piece.removesuffix(suffix)
        lowered = piece.lower()
        # short forms such as "US" or "IS" count only in capitals, not as "us" or "is"
        if lowered in abbreviations and ("." in lowered or len(lowered) > 3 or piece.isupper()):
            words.add(abbreviations[lowered])
            continue
        token = lowered.strip(".")
        if token and token not in stop and token not in generic:
            words.add(token)
    return words


def _similar_words(a: str, b: str) -> bool:
    """Same word, or a country and its demonym ('Iraq' / 'Iraqi', 'Ukraine' / 'Ukrainian')."""
    if a == b:
        return True
    shorter, longer = sorted((a, b), key=len)
    if len(shorter) < 4:
        return False
    prefix = 0
    for x, y in zip(shorter, longer, strict=False):
        if x != y:
            break
        prefix += 1
    return prefix >= 4 and prefix >= 0.8 * len(shorter)


def words_overlap(a: str, b: str) -> bool:
    """Whether two names share a distinctive word.

    A name made only of common words ("the sources", "officials") stands for whoever the
    article means by it, so it matches a name with the same head noun ("security sources").
    """
    words_a, words_b = name_words(a), name_words(b)
    if words_a and words_b:
        return any(_similar_words(x, y) for x in words_a for y in words_b)
    plain_a, plain_b = _plain_words(a), _plain_words(b)
    if not plain_a or not plain_b:
        return False
    if not words_a and plain_a[-1] in plain_b:
        return True
    return not words_b and plain_b[-1] in plain_a


def _plain_words(name: str) -> list[str]:
    return [w.lower().strip(".'’") for w in _WORD.findall(name) if w.strip(".'’")]


def _load_canonical() -> Callable[[str], str | None] | None:
    # The alias table belongs to the actors component; during development it may not exist
    # yet, and then word overlap alone decides.
    try:
        from totor.nlp import actors
    except ImportError:
        return None
    try:
        function: Callable[[str], str | None] = actors.canonical_actor
        return function
    except AttributeError:
        return None


_canonical: Callable[[str], str | None] | None = None
_canonical_loaded = False


def canonical(name: str) -> str | None:
    """totor's canonical name for an actor name, or None when the alias table lacks it."""
    global _canonical, _canonical_loaded
    if not _canonical_loaded:
        _canonical = _load_canonical()
        _canonical_loaded = True
    if _canonical is None or not name.strip():
        return None
    return _canonical(name)


def names_match(a: str, b: str) -> bool:
    """Whether two names denote the same actor: same canonical actor, or a shared word."""
    if not a.strip() or not b.strip():
        return False
    if " ".join(a.lower().split()) == " ".join(b.lower().split()):
        return True
    canon_a, canon_b = canonical(a), canonical(b)
    if canon_a is not None and canon_a == canon_b:
        return True
    forms_a = [a] + ([canon_a] if canon_a else [])
    forms_b = [b] + ([canon_b] if canon_b else [])
    return any(words_overlap(x, y) for x in forms_a for y in forms_b)


def entity_names(article: Article, entity_id: str | None) -> list[str]:
    """Every name an extracted entity goes by (canonical name and surface forms)."""
    if entity_id is None:
        return []
    for entity in article.entities:
        if entity.id == entity_id:
            return _entity_forms(entity, article)
    return []


def _entity_forms(entity: Entity, article: Article) -> list[str]:
    forms = [entity.name, *entity.aliases]
    forms += [article.quote(m) for m in entity.mentions[:5]]
    return list(dict.fromkeys(f for f in forms if f.strip()))


def any_name_match(gold_names: Iterable[str], found_names: Iterable[str]) -> bool:
    found = list(found_names)
    return any(names_match(g, f) for g in gold_names for f in found)


# ---------------------------------------------------------------- spans and places


def find_quote(text: str, quote: str | None) -> list[Span]:
    """Every place a gold quote occurs in the text (exact, then whitespace-tolerant)."""
    if not quote:
        return []
    spans = [(m.start(), m.start() + len(quote)) for m in re.finditer(re.escape(quote), text)]
    if spans:
        return spans
    loose = r"\s+".join(re.escape(part) for part in quote.split())
    return [(m.start(), m.end()) for m in re.finditer(loose, text)]


def overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def best_overlap_share(gold_spans: Sequence[Span], found_spans: Sequence[Span]) -> float:
    """Largest overlap of any gold span with any found span, as a share of the shorter."""
    best = 0.0
    for g in gold_spans:
        for f in found_spans:
            shorter = min(g[1] - g[0], f[1] - f[0])
            if shorter > 0:
                best = max(best, overlap(g, f) / shorter)
    return best


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _norm(text: str | None) -> str:
    return " ".join((text or "").lower().replace("’", "'").split())


def place_names_match(a: str, b: str) -> bool:
    na, nb = _norm(a), _norm(b)
    if not na or not nb:
        return False
    return na == nb or na.removeprefix("the ") == nb.removeprefix("the ")


# ---------------------------------------------------------------- matching


@dataclass
class Score:
    """Counts behind precision, recall and F1 of one kind."""

    matched: int = 0
    gold: int = 0
    found: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else (1.0 if not self.found else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.matched += other.matched
        self.gold += other.gold
        self.found += other.found

    def to_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "matched": self.matched,
            "gold": self.gold,
            "found": self.found,
        }


@dataclass
class Accuracy:
    """Share of cases judged right (exact-match scores)."""

    right: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 1.0

    def to_dict(self) -> dict[str, float | int]:
        return {"accuracy": round(self.value, 4), "right": self.right, "total": self.total}


@dataclass
class Matching:
    """The outcome of matching one article's gold items of one kind."""

    pairs: list[tuple[int, int]]  # (gold index, found index)
    missed: list[int]  # gold indices without a partner
    extra: list[int]  # found indices without a partner

    @property
    def score(self) -> Score:
        return Score(
            matched=len(self.pairs),
            gold=len(self.pairs) + len(self.missed),
            found=len(self.pairs) + len(self.extra),
        )


def match_greedy(
    gold: Sequence[Any], found: Sequence[Any], pair_score: Callable[[Any, Any], float | None]
) -> Matching:
    """One-to-one matching: candidate pairs best first, each item used at most once."""
    candidates: list[tuple[float, int, int]] = []
    for gi, g in enumerate(gold):
        for fi, f in enumerate(found):
            value = pair_score(g, f)
            if value is not None:
                candidates.append((value, gi, fi))
    # ties go to the earlier items so the outcome does not depend on sort stability
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_gold: set[int] = set()
    used_found: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, gi, fi in candidates:
        if gi in used_gold or fi in used_found:
            continue
        used_gold.add(gi)
        used_found.add(fi)
        pairs.append((gi, fi))
    pairs.sort()
    missed = [i for i in range(len(gold)) if i not in used_gold]
    extra = [i for i in range(len(found)) if i not in used_found]
    return Matching(pairs=pairs, missed=missed, extra=extra)


class ArticleScorer:
    """Pair scores for one article's gold items against its extracted record."""

    def __init__(self, article: Article, gold: dict[str, Any]) -> None:
        self.article = article
        self.gold = gold
        self.text = article.text
        self._places = {p.id: p for p in article.places}
        self._claims = {c.id: c for c in article.claims}
        self._gold_places = {
            _norm(p.get("name")): p for p in gold.get("places", []) if p.get("name")
        }

    # evidence ties: a pair whose spans overlap the gold quote wins over one elsewhere
    def _evidence_bonus(self, item: GoldItem, spans: Sequence[Span]) -> float:
        return 0.5 * best_overlap_share(find_quote(self.text, item.get("evidence")), spans)

    def _speaker_names(self, claim_id: str | None) -> list[str]:
        claim = self._claims.get(claim_id) if claim_id else None
        if claim is None:
            return []
        return [claim.speaker, *entity_names(self.article, claim.speaker_entity)]

    def _place_names(self, place_id: str | None) -> list[str]:
        """A place an act was done to ('shelled Juba'): its name and how it was written."""
        place = self._places.get(place_id) if place_id else None
        if place is None:
            return []
        return [place.name, *(self.article.quote(m) for m in place.mentions)]

    def _place_matches(self, gold_name: str, place_id: str | None) -> bool:
        place = self._places.get(place_id) if place_id else None
        if place is None:
            return False
        if place_names_match(gold_name, place.name) or any(
            place_names_match(gold_name, self.article.quote(m)) for m in place.mentions
        ):
            return True
        gold_place = self._gold_places.get(_norm(gold_name))
        return gold_place is not None and self._same_place(gold_place, place_id)

    def _same_place(self, gold_place: GoldItem, place_id: str | None) -> bool:
        place = self._places.get(place_id) if place_id else None
        if place is None:
            return False
        if gold_place.get("geonameid") is not None and gold_place["geonameid"] == place.geonameid:
            return True
        lat, lon = gold_place.get("lat"), gold_place.get("lon")
        if (
            lat is not None
            and lon is not None
            and place.lat is not None
            and place.lon is not None
            and distance_km(float(lat), float(lon), place.lat, place.lon) <= PLACE_RADIUS_KM
        ):
            return True
        # regions and places GeoNames lacks: the name is all gold can be compared by
        no_coordinates = lat is None or lon is None
        return (no_coordinates or gold_place.get("geonameid") is None) and (
            place_names_match(gold_place.get("name", ""), place.name)
        )

    # ---- one function per kind: gold item x found item -> score or None

    def events(self, item: GoldItem, event: Any, type_only: bool = False) -> float | None:
        if item.get("type") != event.type and not (
            item.get("type") == "FIGHT" and event.type == "ASSAULT"
        ):
            return None
        # the event must be found where the gold evidence is: an ASSAULT elsewhere in the
        # article is another report, not this one
        bonus = self._evidence_bonus(item, [event.span, event.trigger, *event.spans])
        if bonus == 0:
            return None
        score = 1.0 + bonus
        if type_only:
            return score
        for role in ("actor", "target"):
            gold_names = item.get(role) or []
            if gold_names:
                found = [n for eid in getattr(event, role) for n in entity_names(self.article, eid)]
                if role == "target":
                    found += self._place_names(event.target_place)
                if not any_name_match(gold_names, found):
                    return None
        gold_place = item.get("place")
        if gold_place and event.place and not self._place_matches(gold_place, event.place):
            return None
        return score

    def events_type(self, item: GoldItem, event: Any) -> float | None:
        return self.events(item, event, type_only=True)

    def figures(self, item: GoldItem, figure: Any, attributed: bool = False) -> float | None:
        if item.get("measure") != figure.measure or figure.value is None:
            return None
        if item.get("value") is None or float(item["value"]) != float(figure.value):
            return None
        if attributed:
            source = item.get("source")
            speakers = self._speaker_names(figure.claim)
            if source is None and speakers:
                return None
            if source is not None and not any_name_match([source], speakers):
                return None
        return 1.0 + self._evidence_bonus(item, [figure.span, *figure.spans])

    def figures_attributed(self, item: GoldItem, figure: Any) -> float | None:
        return self.figures(item, figure, attributed=True)

    def claims(self, item: GoldItem, claim: Any) -> float | None:
        speakers = [claim.speaker, *entity_names(self.article, claim.speaker_entity)]
        if not any_name_match([item.get("speaker") or ""], speakers):
            return None
        share = best_overlap_share(find_quote(self.text, item.get("evidence")), [claim.content])
        if share < CLAIM_MIN_OVERLAP:
            return None
        return 1.0 + share

    def places(self, item: GoldItem, place: Any) -> float | None:
        if not self._same_place(item, place.id):
            return None
        return 1.0 + (0.5 if place_names_match(item.get("name", ""), place.name) else 0.0)

    def times(self, item: GoldItem, time: Any) -> float | None:
        start = item.get("start")
        if not start or not time.start or str(start)[:10] != str(time.start)[:10]:
            return None
        return 1.0 + (0.5 if _norm(item.get("text")) == _norm(time.text) else 0.0)

    def labels(self, item: GoldItem, label: Any) -> float | None:
        gold_term, found_term = _term_words(item.get("term", "")), _term_words(label.term)
        if not gold_term or not found_term:
            return None
        # "separatist" for gold "separatist group" still names the characterising word
        if not (gold_term <= found_term or found_term <= gold_term):
            return None
        refers_to = item.get("refers_to")
        if refers_to and not any_name_match(
            [refers_to], entity_names(self.article, label.refers_to)
        ):
            return None
        exact = 0.5 if gold_term == found_term else 0.0
        return 1.0 + exact + self._evidence_bonus(item, [label.span])

    def items(self, kind: str) -> tuple[list[Any], list[Any]]:
        """The gold and found items a kind compares.

        Labels count once per (term, referent), and times once per (expression, start):
        gold lists each characterisation and each date expression once, while totor
        reports every occurrence (events and figures link to the mention near them).
        """
        gold_items = list(self.gold.get(GOLD_LIST[kind]) or [])
        found_items = list(getattr(self.article, GOLD_LIST[kind]))
        if kind == "labels":
            gold_items = _first_of_each(
                gold_items, lambda g: (_term_words(g.get("term", "")), _norm(g.get("refers_to")))
            )
            found_items = _first_of_each(
                found_items,
                lambda f: (_term_words(f.term), tuple(entity_names(self.article, f.refers_to)[:1])),
            )
        if kind == "times":
            found_items = _first_of_each(found_items, lambda t: (_time_words(t.text), t.start))
        return gold_items, found_items

    def match(self, kind: str) -> Matching:
        gold_items, found_items = self.items(kind)
        pair_score: Callable[[Any, Any], float | None] = getattr(self, kind)
        return match_greedy(gold_items, found_items, pair_score)

    def casualties_exact(self, attributed: bool) -> Accuracy:
        """Per measure: do the extracted counts equal the gold counts, no more, no fewer?"""
        result = Accuracy()
        for measure in CASUALTY_MEASURES:
            gold_items = [f for f in self.gold.get("figures") or [] if f.get("measure") == measure]
            found = [f for f in self.article.figures if f.measure == measure]
            if not gold_items and not found:
                continue
            kind_score = self.figures_attributed if attributed else self.figures
            matching = match_greedy(gold_items, found, kind_score)
            result.total += 1
            result.right += int(not matching.missed and not matching.extra)
        return result


def _term_words(term: str) -> frozenset[str]:
    """A label term's words compared loosely: case, quotes and a plural 's' do not matter."""
    words = re.findall(r"[\w-]+", _norm(term))
    return frozenset(w[:-1] if w.endswith("s") and not w.endswith("ss") else w for w in words)


def _time_words(text: str) -> str:
    """A time expression compared loosely: 'on Thursday' and 'Thursday' are one."""
    return re.sub(r"^(on|in|since|by|at|from|until|during)\s+", "", _norm(text))


def _first_of_each(items: list[Any], key: Callable[[Any], Any]) -> list[Any]:
    seen: set[Any] = set()
    kept = []
    for item in items:
        if key(item) not in seen:
            seen.add(key(item))
            kept.append(item)
    return kept


# ---------------------------------------------------------------- reports


@dataclass
class ItemDiff:
    kind: str
    article: str
    status: str  # "missed" (in gold, not found) or "extra" (found, not in gold)
    description: str
    quote: str


@dataclass
class Report:
    """Scores over a set of articles, plus what was missed and what was extra."""

    scores: dict[str, Score] = field(default_factory=lambda: {k: Score() for k in KINDS})
    exact: dict[str, Accuracy] = field(default_factory=lambda: {k: Accuracy() for k in EXACT_KINDS})
    diffs: list[ItemDiff] = field(default_factory=list)
    articles: int = 0

    def add_article(self, article: Article, gold: dict[str, Any], kinds: Sequence[str]) -> None:
        scorer = ArticleScorer(article, gold)
        self.articles += 1
        name = str(gold.get("id") or article.id)
        for kind in kinds:
            if kind in EXACT_KINDS:
                accuracy = scorer.casualties_exact(attributed=kind.endswith("attributed"))
                self.exact[kind].right += accuracy.right
                self.exact[kind].total += accuracy.total
                continue
            matching = scorer.match(kind)
            self.scores[kind].add(matching.score)
            gold_items, found_items = scorer.items(kind)
            for gi in matching.missed:
                item = gold_items[gi]
                self.diffs.append(
                    ItemDiff(
                        kind,
                        name,
                        "missed",
                        describe_gold(kind, item),
                        item.get("evidence")
                        or item.get("text")
                        or item.get("name")
                        or item.get("term")
                        or "",
                    )
                )
            for fi in matching.extra:
                found = found_items[fi]
                self.diffs.append(
                    ItemDiff(
                        kind,
                        name,
                        "extra",
                        describe_found(kind, found, article),
                        _found_quote(found, article),
                    )
                )

    def to_dict(self, kinds: Sequence[str] | None = None) -> dict[str, Any]:
        chosen = kinds or (*KINDS, *EXACT_KINDS)
        out: dict[str, Any] = {"articles": self.articles}
        for kind in chosen:
            if kind in self.scores:
                out[kind] = self.scores[kind].to_dict()
            elif kind in self.exact:
                out[kind] = self.exact[kind].to_dict()
        return out

    def headline(self) -> dict[str, float]:
        """One number per kind: F1, or accuracy for exact-match kinds (what floors judge)."""
        values = {k: s.f1 for k, s in self.scores.items() if s.gold or s.found}
        values.update({k: a.value for k, a in self.exact.items() if a.total})
        return values

    def table(self, kinds: Sequence[str] | None = None) -> str:
        chosen = kinds or (*KINDS, *EXACT_KINDS)
        lines = [
            f"{self.articles} articles",
            f"{'kind':<28}{'P':>7}{'R':>7}{'F1':>7}{'match':>7}{'gold':>7}{'found':>7}",
        ]
        for kind in chosen:
            if kind in self.scores:
                s = self.scores[kind]
                lines.append(
                    f"{kind:<28}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}"
                    f"{s.matched:>7}{s.gold:>7}{s.found:>7}"
                )
            elif kind in self.exact:
                a = self.exact[kind]
                lines.append(
                    f"{kind:<28}{'exact':>7}{'':>7}{a.value:>7.3f}{a.right:>7}{a.total:>7}"
                )
        return "\n".join(lines)

    def diff_lines(self) -> Iterator[str]:
        for d in self.diffs:
            sign = "-" if d.status == "missed" else "+"
            yield f"{sign} {d.article} {d.kind:<8} {d.status:<6} {d.description}  «{_clip(d.quote)}»"


def _clip(text: str, width: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def describe_gold(kind: str, item: GoldItem) -> str:
    if kind.startswith("events"):
        return f"{item.get('type')} actor={item.get('actor')} target={item.get('target')} place={item.get('place')}"
    if kind.startswith("figures"):
        return f"{item.get('measure')}={item.get('value')} source={item.get('source')}"
    if kind == "claims":
        return f"speaker={item.get('speaker')!r} cue={item.get('cue')!r}"
    if kind == "places":
        return f"{item.get('name')} geonameid={item.get('geonameid')}"
    if kind == "times":
        return f"{item.get('text')!r} start={item.get('start')}"
    return f"{item.get('term')!r} -> {item.get('refers_to')}"


def describe_found(kind: str, found: Any, article: Article) -> str:
    def names(ids: Sequence[str]) -> list[str]:
        return [entity_names(article, i)[0] for i in ids if entity_names(article, i)]

    if kind.startswith("events"):
        place = next((p.name for p in article.places if p.id == found.place), None)
        return f"{found.type} actor={names(found.actor)} target={names(found.target)} place={place}"
    if kind.startswith("figures"):
        claim = next((c.speaker for c in article.claims if c.id == found.claim), None)
        return f"{found.measure}={found.value} source={claim}"
    if kind == "claims":
        return f"speaker={found.speaker!r} cue={found.cue!r}"
    if kind == "places":
        return f"{found.name} geonameid={found.geonameid}"
    if kind == "times":
        return f"{found.text!r} start={found.start}"
    return f"{found.term!r} -> {names([found.refers_to] if found.refers_to else [])}"


def _found_quote(found: Any, article: Article) -> str:
    span = getattr(found, "span", None)
    if span is None and getattr(found, "mentions", None):
        span = found.mentions[0]
    return article.quote(span) if span else ""


def score_articles(
    pairs: Iterable[tuple[Article, dict[str, Any]]], kinds: Sequence[str] | None = None
) -> Report:
    """Score extracted records against their gold dicts."""
    report = Report()
    chosen = tuple(kinds or (*KINDS, *EXACT_KINDS))
    unknown = [k for k in chosen if k not in KINDS and k not in EXACT_KINDS]
    if unknown:
        raise ValueError(f"unknown kinds: {', '.join(unknown)}")
    for article, gold in pairs:
        report.add_article(article, gold, chosen)
    return report


# ---------------------------------------------------------------- gold files


@dataclass(frozen=True)
class GoldArticle:
    path: Path
    gold: dict[str, Any]
    text: str
    published: str | None
    title: str | None
    url: str | None


class GoldError(ValueError):
    """A gold file that cannot be scored (no text found, bad JSON)."""


def corpora_roots(start: Path) -> list[Path]:
    """Folders that may hold the shared corpora: TOTOR_CORPORA, then ``shared/corpora`` or
    ``corpora`` beside any parent of ``start``."""
    import os

    roots: list[Path] = []
    if os.environ.get("TOTOR_CORPORA"):
        roots.append(Path(os.environ["TOTOR_CORPORA"]))
    for parent in [start.resolve(), *start.resolve().parents]:
        for candidate in (parent / "shared" / "corpora", parent / "corpora"):
            if candidate.is_dir():
                roots.append(candidate)
    return roots


def corpus_path(start: Path, *parts: str) -> Path:
    """``<corpora>/<parts>`` in the first corpora root (see ``corpora_roots``) that holds
    it; else where a checkout beside ``shared/`` would hold it, for error messages."""
    for root in corpora_roots(start):
        if (root.joinpath(*parts)).exists():
            return root.joinpath(*parts)
    return start.resolve().parent.joinpath("shared", "corpora", *parts)


@cache
def _corpus_records(path: Path) -> dict[str, dict[str, Any]]:
    records: dict[str, dict[str, Any]] = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                record = json.loads(line)
                records[str(record.get("id"))] = record
    return records


def find_corpus_record(corpus: str, article_id: str, start: Path) -> dict[str, Any] | None:
    """The record of one article in a shared JSONL corpus (e.g. voa/voa_stories.jsonl)."""
    for root in corpora_roots(start):
        folder = root / corpus
        for path in sorted(folder.glob("*.jsonl")) if folder.is_dir() else []:
            record = _corpus_records(path).get(article_id)
            if record is not None:
                return record
    return None


def load_gold(path: Path) -> GoldArticle:
    """One gold file with the text it is about (embedded, or looked up in its corpus)."""
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise GoldError(f"{path}: {error}") from error
    record: dict[str, Any] = {}
    text = gold.get("text")
    if not text:
        corpus, article_id = gold.get("corpus"), gold.get("id")
        found = find_corpus_record(str(corpus), str(article_id), path.parent) if corpus else None
        if found is None:
            raise GoldError(
                f"{path}: no 'text' and id {article_id!r} not found in corpus {corpus!r}"
            )
        record, text = found, found["text"]
    published = gold.get("published") or record.get("published")
    return GoldArticle(
        path=path,
        gold=gold,
        text=text,
        published=str(published)[:10] if published else None,
        title=gold.get("title") or record.get("title"),
        url=gold.get("url") or record.get("url"),
    )


def load_gold_dir(folder: Path) -> list[GoldArticle]:
    return [load_gold(path) for path in sorted(folder.glob("*.json"))]


def evaluate_gold(
    golds: Sequence[GoldArticle], pipeline: Any = None, kinds: Sequence[str] | None = None
) -> Report:
    """Run the pipeline over the gold articles (one batch) and score the records."""
    from totor.api import Pipeline
    from totor.readers.base import Document

    pipeline = pipeline or Pipeline()
    documents = [
        Document(
            text=g.text,
            source=str(g.path),
            title=g.title,
            url=g.url,
            published=g.published,
            id=str(g.gold.get("id")) if g.gold.get("id") else None,
        )
        for g in golds
    ]
    articles = list(pipeline.process(documents))
    return score_articles(zip(articles, [g.gold for g in golds], strict=True), kinds)
