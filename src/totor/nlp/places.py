"""``totor_places``: find toponyms, resolve them against the offline gazetteer.

Toponyms come from three places: spaCy's GPE/LOC/FAC entities; PERSON/ORG/NORP entities
the gazetteer knows as places when the words around them say place ("in Rafah", "Rafah,
Gaza"); and a phrase matcher over the names of countries, regions and landmarks (so "Gaza
Strip", "Rafah crossing" and "West Bank" are found whatever spaCy thinks). Overlaps go to
the longest span. Each distinct name is resolved once with the whole article as context,
and repeated mentions of one place become one ``Place`` with several mentions.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from totor.geo.gazetteer import Candidate, Gazetteer, shared_gazetteer
from totor.geo.normalise import normalise
from totor.geo.resolve import Mention, Resolution, is_demonym_of_place, resolve
from totor.geo.sources import demonyms, place_words
from totor.model import Place
from totor.nlp import extensions as ext
from totor.nlp.extensions import register_extensions

#: confidence in the recognition itself, by where the span came from
RECOGNITION_CONFIDENCE = {"entity": 1.0, "phrase": 0.95, "context": 0.75}
#: confidence of a toponym the gazetteer does not know
UNRESOLVED_CONFIDENCE = 0.2
#: a place this populous is known to readers under any of its spellings
SIZEABLE = 10000
BIG_CITY = 100000
_TRIM_START = frozenset({"the", "The"})
_TRIM_END = frozenset({"'s", "’s", "'", "’"})
#: what follows the place of a dateline: 'GAZA CITY, Gaza --', 'KYIV (Reuters) -', 'LAGOS —'
_DATELINE_ENDS = frozenset({",", "(", "-", "—", "–"})


@lru_cache(maxsize=1)
def _lexicon() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """(place cues, heads before 'of', names that are not places, demonyms)."""
    words = place_words()
    cues = frozenset(str(w) for w in words["place_cues"])
    heads = frozenset(str(w) for w in words["generic_heads"]) | {
        "outskirts",
        "north",
        "south",
        "east",
        "west",
    }
    not_places = frozenset(normalise(str(w)) for w in words["not_places"])
    return cues, heads, not_places, _demonyms()


@lru_cache(maxsize=1)
def _local_heads() -> frozenset[str]:
    return frozenset(str(w) for w in place_words()["local_heads"])


def _demonyms() -> frozenset[str]:
    return frozenset(demonyms())


class PlacesComponent:
    """The spaCy component; see the module docstring."""

    def __init__(
        self,
        nlp: Language,
        name: str,
        place_labels: Iterable[str],
        context_labels: Iterable[str],
        phrase_matching: bool,
        gazetteer: Gazetteer | None = None,
    ) -> None:
        register_extensions()
        self.name = name
        self.place_labels = frozenset(place_labels)
        self.context_labels = frozenset(context_labels)
        self.gazetteer = gazetteer or shared_gazetteer()
        self.matcher: PhraseMatcher | None = None
        if phrase_matching:
            self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
            ordinary = frozenset(str(w) for w in place_words()["ordinary_words"])
            surfaces = sorted(
                {surface for surface, _ in self.gazetteer.phrases() if surface not in ordinary}
            )
            self.matcher.add("PLACE", [nlp.make_doc(surface) for surface in surfaces])

    def __call__(self, doc: Doc) -> Doc:
        spans = self._toponyms(doc)
        mentions = [Mention(span.text, span.start_char, span.end_char) for span, _ in spans]
        # people words are no places, but 'Israeli troops' says the article is about Israel:
        # they join the context, and their own resolutions are dropped
        context = [Mention(w.text, w.start_char, w.end_char) for w in self._people_words(doc)]
        resolutions = (
            resolve(mentions + context, ext.doc_text(doc), self.gazetteer)[: len(mentions)]
            if mentions
            else []
        )
        doc._.places = self._places(spans, resolutions)
        return doc

    # -- recognition -----------------------------------------------------------------

    def _people_words(self, doc: Doc) -> list[Span]:
        """The demonyms of the article ('Israeli', 'South Korean'), as spaCy tags them."""
        demonyms = _lexicon()[3]
        return [ent for ent in doc.ents if ent.label_ == "NORP" and normalise(ent.text) in demonyms]

    def _toponyms(self, doc: Doc) -> list[tuple[Span, str]]:
        cues, heads, not_places, demonyms = _lexicon()
        found: list[tuple[Span, str]] = []
        votes = _label_votes(doc.ents, self.place_labels)
        surnames = _surnames(doc.ents)
        place_texts = {normalise(ent.text) for ent in doc.ents if ent.label_ in self.place_labels}
        doubtful: list[Span] = []
        for ent in doc.ents:
            span = _trim(ent)
            if span is None:
                continue
            key = normalise(span.text)
            if key in not_places or key in demonyms or self._is_demonym(span, key):
                continue
            if not _says_place(span, cues, heads) and self._is_name_of_person(
                span, key, votes, surnames
            ):
                place_texts.discard(key)
                continue
            if ent.label_ in self.place_labels:
                found.append((span, "entity"))
            elif ent.label_ in self.context_labels and self._known(key):
                if key in place_texts or _says_place(span, cues, heads) or _qualified(span):
                    found.append((span, "context"))
                    place_texts.add(key)
                else:
                    doubtful.append(span)
        found.extend((span, "context") for span in self._untagged(doc, cues))
        leading = self._leading(doc, not_places, demonyms, surnames)
        # an unknown 'Madison County Sheriff' gives way to the county it opens with
        hosts = {(host.start, host.end) for _, host in leading} | {
            (trimmed.start, trimmed.end)
            for trimmed in (_trim(host) for _, host in leading)
            if trimmed is not None
        }
        found = [f for f in found if (f[0].start, f[0].end) not in hosts]
        found.extend((span, "context") for span, _ in leading)
        found.extend((span, "context") for span in self._datelines(doc))
        if doubtful:
            found.extend(
                (span, "context") for span in self._by_context(doubtful, found, place_texts)
            )
        if self.matcher is not None:
            for _, start, end in self.matcher(doc):
                span = doc[start:end]
                host = _entity_around(doc, span)
                if host is not None and host.label_ in ("PERSON", "WORK_OF_ART", "NORP"):
                    continue
                if host is not None and host.label_ == "ORG" and _trim_start(host) != start:
                    continue  # "Bank of America", "University of Texas"
                span = _trim(span)
                if span is not None and normalise(span.text) not in not_places:
                    found.append((span, "phrase"))
        return _longest(found)

    def _known(self, key: str) -> bool:
        """A name the gazetteer holds under its own name, or as a sizeable town.

        A person or group name that is only some hamlet's or county's other name ('Kelly',
        'Park' for Park County) is not reason enough to read it as a place.
        """
        return any(
            c.exact
            or c.feature in ("country", "admin")
            or (c.feature in ("city", "locality") and c.population >= SIZEABLE)
            for c in self.gazetteer.lookup_key(key)
        )

    def _is_demonym(self, span: Span, key: str) -> bool:
        """'the Gazan side', 'Gazans': a people word formed on a better-known place name."""
        return len(span) == 1 and is_demonym_of_place(key, self.gazetteer)

    def _is_name_of_person(
        self, span: Span, key: str, votes: dict[str, int], surnames: frozenset[str]
    ) -> bool:
        """A name the article uses for a person: 'Kelly', when 'John Kelly' is mentioned or
        spaCy tags the name a person more often than a place, and also an all-capital
        abbreviation ('BA', 'AI') that is no curated country or region name. Only asked when
        no word before the name says place ('in Kelly' stays a place)."""
        if _qualified(span):
            return False
        if votes.get(key, 0) < 0:
            return True
        if len(span) == 1 and key in surnames and votes.get(key, 0) <= 0:
            return True
        text = span.text
        if text.isupper() and len(text.replace(".", "")) <= 4:
            return not any(
                c.exact and c.feature in ("country", "admin", "region", "landmark")
                for c in self.gazetteer.lookup_key(key)
            )
        return False

    def _untagged(self, doc: Doc, cues: frozenset[str]) -> list[Span]:
        """Proper nouns spaCy left untagged right after a place cue: 'into eastern Rafah'.

        Only names the gazetteer knows as a sizeable town or a curated region count.
        """
        found: list[Span] = []
        for token in doc:
            if token.ent_type_ or token.pos_ != "PROPN" or not token.is_title or token.i == 0:
                continue
            before = doc[token.i - 1]
            if before.pos_ == "PROPN" or before.lower_ not in cues:
                continue
            end = token.i + 1
            while (
                end < len(doc)
                and end - token.i < 3
                and doc[end].pos_ == "PROPN"
                and not doc[end].ent_type_
            ):
                end += 1
            for stop in range(end, token.i, -1):
                span = doc[token.i : stop]
                if any(
                    c.population >= 10000 or (c.exact and c.feature not in ("city", "locality"))
                    for c in self.gazetteer.lookup_key(normalise(span.text))
                ):
                    found.append(span)
                    break
        return found

    def _leading(
        self,
        doc: Doc,
        not_places: frozenset[str],
        demonyms: frozenset[str],
        surnames: frozenset[str],
    ) -> list[tuple[Span, Span]]:
        """A place name opening a local institution's or a resident's description.

        'Gainesville Police', 'the Laurel County School District', 'a Paris man': spaCy
        tags the whole as a group or a person (or nothing), yet the name before a word such
        as 'police', 'school' or 'residents' is the place the institution or person is in.
        A place entity the gazetteer does not know that names such an institution opens
        with the place it is in, whatever words come between ('Titus County Jail', 'Laurel
        County Adult Education'); a facility or feature of its own ('Dulles International
        Airport', 'Mississippi River') stays whole. Only names the gazetteer knows as its
        own or as a sizeable town count, and never a surname of the article. Each comes
        with the entity it was found in.
        """
        heads = _local_heads()
        found: list[tuple[Span, Span]] = []
        for ent in doc.ents:
            is_place = ent.label_ in self.place_labels
            if is_place and self.gazetteer.lookup_key(normalise(ent.text)):
                continue  # a known place as it stands
            # an unknown place entity naming a local institution opens with its place
            opens = is_place and any(t.lower_ in heads for t in ent[1:])
            for size in range(min(3, len(ent)), 0, -1):
                after = ent.start + size
                if size == len(ent) and is_place:
                    continue  # 'Gainesville' tagged GPE before 'police' is found anyway
                if not opens and (after >= len(doc) or doc[after].lower_ not in heads):
                    continue
                span = _trim(doc[ent.start : after])
                if span is None or not all(t.text[:1].isupper() for t in span):
                    continue
                key = normalise(span.text)
                if (
                    key not in not_places
                    and key not in demonyms
                    and key not in surnames
                    and self._known(key)
                ):
                    found.append((span, ent))
                    break
                if not opens:
                    break
        return found

    def _datelines(self, doc: Doc) -> list[Span]:
        """The capitalised place a wire report opens a paragraph with: 'ALBUQUERQUE, N.M. --'.

        Only at the start of the text or of a line, only before a comma, dash or bracket,
        and only names the gazetteer knows as a sizeable town or a curated place.
        """
        found: list[Span] = []
        # the text, each line, and each sentence (a title run into the text: 'Storm hits.
        # KANSAS CITY, Mo. --')
        starts = sorted(
            {0}
            | {t.i + 1 for t in doc if t.is_space and "\n" in t.text}
            | {t.i for t in doc if t.is_sent_start}
        )
        for start in starts:
            end = start
            while end < len(doc) and end - start < 4 and _capital_word(doc[end].text):
                end += 1
            if end == start or end >= len(doc) or doc[end].text[:1] not in _DATELINE_ENDS:
                continue
            span = doc[start:end]
            if any(
                c.population >= SIZEABLE or (c.exact and c.feature not in ("city", "locality"))
                for c in self.gazetteer.lookup_key(normalise(span.text))
            ):
                found.append(span)
        return found

    def _by_context(
        self, doubtful: list[Span], found: list[tuple[Span, str]], place_texts: set[str]
    ) -> list[Span]:
        """Mislabelled names the rest of the article makes places.

        'Strikes hit Rafah and Khan Younis' with Gaza elsewhere: a name spaCy took for a
        person or group is a place when another mention of it was one, when it is listed
        with a place ('X and Y'), or when it is a known town of a country the article's
        places are in and it does not act as a person (no verb right after it).
        """
        countries = {
            c.country
            for span, _ in found
            for c in self.gazetteer.lookup_key(normalise(span.text))[:1]
            if c.country
        }
        starts = {span.start for span, _ in found}
        ends = {span.end for span, _ in found}
        accepted: list[Span] = []
        changed = True
        while changed:  # "Rafah and Khan Younis": one accepted name vouches for the next
            changed = False
            for span in doubtful:
                if span in accepted or not self._doubtful_is_place(
                    span, countries, starts, ends, place_texts
                ):
                    continue
                accepted.append(span)
                starts.add(span.start)
                ends.add(span.end)
                changed = True
        return accepted

    def _doubtful_is_place(
        self,
        span: Span,
        countries: set[str],
        starts: set[int],
        ends: set[int],
        place_texts: set[str],
    ) -> bool:
        key = normalise(span.text)
        doc = span.doc
        before = doc[span.start - 1] if span.start else None
        after = doc[span.end] if span.end < len(doc) else None
        listed = (
            before is not None and before.lower_ in ("and", "or", ",") and span.start - 1 in ends
        ) or (after is not None and after.lower_ in ("and", "or") and span.end + 1 in starts)
        acts = after is not None and after.pos_ in ("VERB", "AUX")
        known_here = any(
            c.country in countries
            and (c.population >= 10000 or (c.exact and c.feature not in ("city", "locality")))
            for c in self.gazetteer.lookup_key(key)
        )
        # 'Shelling hit Kherson': a big city as the object of a verb, even with no other
        # place around; subjects ('Jackson said') stay people.
        big_object = span.root.dep_ in ("dobj", "pobj") and any(
            (c.exact and c.feature != "locality") or c.population >= BIG_CITY
            for c in self.gazetteer.lookup_key(key)
        )
        return key in place_texts or listed or (not acts and (known_here or big_object))

    # -- records ---------------------------------------------------------------------

    def _places(self, spans: list[tuple[Span, str]], resolutions: list[Resolution]) -> list[Place]:
        merged: dict[object, Place] = {}
        for (span, source), resolution in zip(spans, resolutions, strict=True):
            candidate = resolution.candidate
            identity: object = candidate.key if candidate else ("?", normalise(span.text))
            confidence = RECOGNITION_CONFIDENCE[source] * (
                resolution.confidence if candidate else UNRESOLVED_CONFIDENCE
            )
            place = merged.get(identity)
            if place is None:
                place = _place(f"p{len(merged) + 1}", span.text, candidate, confidence)
                merged[identity] = place
            else:
                place.confidence = round(max(place.confidence, confidence), 3)
            place.mentions.append((span.start_char, span.end_char))
        return list(merged.values())


def _place(place_id: str, surface: str, candidate: Candidate | None, confidence: float) -> Place:
    if candidate is None:
        return Place(id=place_id, name=surface, confidence=round(confidence, 3))
    # GeoNames spells cities in scholarly transliteration ("Khān Yūnis"); the article's
    # own spelling reads better. Curated entries (countries, regions) keep their name.
    name = surface if candidate.feature in ("city", "locality") else candidate.name
    return Place(
        id=place_id,
        name=name,
        geonameid=candidate.geonameid,
        lat=candidate.lat,
        lon=candidate.lon,
        country=candidate.country,
        admin1=candidate.admin1_name or candidate.admin1,
        # the record has one kind for every administrative level
        feature="admin" if candidate.feature == "admin2" else candidate.feature,  # type: ignore[arg-type]
        confidence=round(confidence, 3),
    )


def _label_votes(ents: Iterable[Span], place_labels: frozenset[str]) -> dict[str, int]:
    """Per name spaCy tagged both a place and a person: places minus persons.

    Names only ever tagged a person are left to the context rules ('Shelling hit Kherson').
    """
    places: dict[str, int] = {}
    persons: dict[str, int] = {}
    for ent in ents:
        if ent.label_ in place_labels:
            tally = places
        elif ent.label_ == "PERSON":
            tally = persons
        else:
            continue
        key = normalise(ent.text)
        tally[key] = tally.get(key, 0) + 1
    return {key: places[key] - persons[key] for key in places.keys() & persons.keys()}


def _surnames(ents: Iterable[Span]) -> frozenset[str]:
    """Last words of the article's multi-word person names ('John Kelly' -> 'kelly')."""
    return frozenset(
        normalise(ent[-1].text) for ent in ents if ent.label_ == "PERSON" and len(ent) > 1
    )


def _capital_word(text: str) -> bool:
    """'ALBUQUERQUE', 'ST.': a word written all in capitals, as datelines are."""
    letters = text.replace(".", "").replace("'", "")
    return len(letters) >= 2 and letters.isalpha() and letters.isupper()


def _trim(span: Span) -> Span | None:
    start, end = span.start, span.end
    while start < end and span.doc[start].text in _TRIM_START:
        start += 1
    while end > start and span.doc[end - 1].text in _TRIM_END:
        end -= 1
    return span.doc[start:end] if end > start else None


def _trim_start(span: Span) -> int:
    trimmed = _trim(span)
    return trimmed.start if trimmed is not None else span.start


def _says_place(span: Span, cues: frozenset[str], heads: frozenset[str]) -> bool:
    """'in Rafah', 'near Kharkiv', 'the city of Rafah'."""
    if span.start == 0:
        return False
    before = span.doc[span.start - 1].lower_
    if before in cues:
        return True
    return before == "of" and span.start >= 2 and span.doc[span.start - 2].lower_ in heads


def _qualified(span: Span) -> bool:
    """'Rafah, Gaza': a comma then a place entity."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].text != ",":
        return False
    return doc[span.end + 1].ent_type_ in ("GPE", "LOC")


def _entity_around(doc: Doc, span: Span) -> Span | None:
    """The named entity holding ``span``, found from the tokens' IOB tags (building
    ``doc.ents`` for every candidate is what made this component slow)."""
    token = doc[span.start]
    if not token.ent_type_:
        return None
    start = span.start
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = start + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=token.ent_type_) if span.end <= end else None


def _longest(found: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
    """Non-overlapping spans, longest first; ties go to entities, then in text order."""
    priority = {"entity": 0, "phrase": 1, "context": 2}
    ordered = sorted(found, key=lambda f: (-(f[0].end - f[0].start), priority[f[1]], f[0].start))
    taken: set[int] = set()
    kept: list[tuple[Span, str]] = []
    for span, source in ordered:
        tokens = set(range(span.start, span.end))
        if tokens & taken:
            continue
        taken |= tokens
        kept.append((span, source))
    return sorted(kept, key=lambda f: f[0].start)


@Language.factory(
    "totor_places",
    requires=["doc.ents"],
    assigns=["doc._.places"],
    default_config={
        "place_labels": ["GPE", "LOC", "FAC"],
        "context_labels": ["PERSON", "ORG", "NORP"],
        "phrase_matching": True,
    },
)
def make_places(
    nlp: Language,
    name: str,
    place_labels: list[str],
    context_labels: list[str],
    phrase_matching: bool,
) -> PlacesComponent:
    return PlacesComponent(nlp, name, place_labels, context_labels, phrase_matching)
