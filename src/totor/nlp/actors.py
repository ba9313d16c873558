"""``totor_actors``: canonical actors from the curated alias table, country names and
demonyms, and spaCy's PERSON / ORG / NORP entities.

"the IDF", "Israel's military", "Israeli tanks" and "the 401st Armored Brigade" become one
entity; "Hamas gunmen" is Hamas; "Pakistani troops" is the Pakistan military; "the army"
refers back to the last military actor named. Knowledge lives in ``data/actors.json``,
``data/countries.tsv`` and ``data/actor_nouns.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from totor.model import Entity
from totor.nlp import extensions as ext
from totor.nlp.lexicon import load_json, load_tsv, split_list

_POSSESSIVE = {"'s", "’s", "'", "’"}
#: model designations of weapons and aircraft ('S-400', 'F-35', 'Su-35', 'MQ-9')
_MODEL_NUMBER = re.compile(r"^[A-Z][A-Za-z]{0,3}-\d{1,4}[A-Z]?$")
_ACRONYM = re.compile(r"^[A-Z0-9.\-/&]+$|^[A-Z][a-z]?[A-Z]")


@dataclass(frozen=True)
class ActorInfo:
    """One actor of the curated table."""

    name: str
    kind: str
    country: str | None
    aliases: tuple[str, ...] = ()
    members: frozenset[str] = frozenset()
    default_for: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Country:
    iso: str
    name: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str


@dataclass
class ActorTable:
    """Everything the component and ``canonical_actor`` look names up in."""

    actors: list[ActorInfo]
    alias_to_actor: dict[str, ActorInfo]
    countries: dict[str, Country]
    name_to_country: dict[str, str]
    demonym_to_country: dict[str, str]
    noun_category: dict[str, str]
    refer_back: dict[str, str]
    #: noun category -> (entity kind, suffix naming a country's actor or "")
    categories: dict[str, tuple[str, str]] = field(default_factory=dict)
    standalone: dict[str, str] = field(default_factory=dict)
    titles: frozenset[str] = frozenset()
    not_actors: frozenset[str] = frozenset()
    capital_to_country: dict[str, str] = field(default_factory=dict)
    #: lower-cased form -> how it must be written, for names known only as acronyms
    acronym_forms: dict[str, frozenset[str]] = field(default_factory=dict)
    defaults: dict[tuple[str, str], ActorInfo] = field(default_factory=dict)
    max_noun_words: int = 3
    self_named: frozenset[str] = frozenset()
    hazard_words: frozenset[str] = frozenset()
    party_modifiers: frozenset[str] = frozenset()
    group_heads: frozenset[str] = frozenset()
    armed_modifiers: frozenset[str] = frozenset()
    other_side_modifiers: frozenset[str] = frozenset()


@cache
def actor_table() -> ActorTable:
    data = load_json("actors.json")
    actors: list[ActorInfo] = []
    alias_to_actor: dict[str, ActorInfo] = {}
    defaults: dict[tuple[str, str], ActorInfo] = {}
    for row in data["actors"]:
        info = ActorInfo(
            name=row["name"],
            kind=row["kind"],
            country=row.get("country"),
            aliases=(row["name"], *row["aliases"]),
            members=frozenset(m.lower() for m in row.get("members", [])),
            default_for=frozenset(row.get("default_for", [])),
        )
        actors.append(info)
        for alias in info.aliases:
            alias_to_actor.setdefault(alias.lower(), info)
        for category in info.default_for:
            if info.country:
                defaults[(info.country, category)] = info
    countries: dict[str, Country] = {}
    name_to_country: dict[str, str] = {}
    demonym_to_country: dict[str, str] = {}
    capital_to_country: dict[str, str] = {}
    for iso, name, aliases, demonyms, capital in load_tsv("countries.tsv"):
        country = Country(
            iso=iso,
            name=name,
            names=(name, *split_list(aliases)),
            demonyms=tuple(split_list(demonyms)),
            capital=capital,
        )
        countries[iso] = country
        for n in country.names:
            name_to_country.setdefault(n.lower(), iso)
        for d in country.demonyms:
            demonym_to_country.setdefault(d.lower(), iso)
        if capital and capital.lower() not in name_to_country:
            capital_to_country.setdefault(capital.lower(), iso)
    nouns = load_json("actor_nouns.json")
    categories = {
        category: (spec["kind"], spec.get("suffix", ""))
        for category, spec in nouns["categories"].items()
    }
    noun_category: dict[str, str] = {}
    for category in categories:
        for noun in nouns[category]:
            noun_category.setdefault(noun.lower(), category)
    return ActorTable(
        acronym_forms=_acronym_forms(
            [
                *(a for info in actors for a in info.aliases),
                *(n for c in countries.values() for n in c.names),
            ]
        ),
        actors=actors,
        alias_to_actor=alias_to_actor,
        countries=countries,
        name_to_country=name_to_country,
        demonym_to_country=demonym_to_country,
        noun_category=noun_category,
        refer_back={k.lower(): v for k, v in nouns["refer_back"].items()},
        categories=categories,
        standalone={k.lower(): v for k, v in nouns["standalone"].items()},
        titles=frozenset(t.lower() for t in nouns["titles"]),
        not_actors=frozenset(w.lower() for w in nouns["not_actors"]),
        capital_to_country=capital_to_country,
        defaults=defaults,
        max_noun_words=max(len(n.split()) for n in noun_category),
        self_named=frozenset(w.lower() for w in nouns["self_named"]),
        hazard_words=frozenset(w.lower() for w in nouns["hazard_words"]),
        party_modifiers=frozenset(w.lower() for w in nouns.get("party_modifiers", [])),
        group_heads=frozenset(w.lower() for w in nouns.get("group_heads", [])),
        armed_modifiers=frozenset(w.lower() for w in nouns.get("armed_modifiers", [])),
        other_side_modifiers=frozenset(w.lower() for w in nouns.get("other_side_modifiers", [])),
    )


def _acronym_forms(names: list[str]) -> dict[str, frozenset[str]]:
    """Lower-cased name -> its written forms, for names every form of which is an acronym."""
    forms: dict[str, set[str]] = {}
    plain: set[str] = set()
    for n in names:
        if is_acronym(n):
            forms.setdefault(n.lower(), set()).add(n)
        else:
            plain.add(n.lower())
    return {k: frozenset(v) for k, v in forms.items() if k not in plain}


def is_acronym(phrase: str) -> bool:
    """Whether a name is an acronym or dotted short form matched only as written."""
    return bool(_ACRONYM.match(phrase)) and len(phrase) <= 8


@dataclass(frozen=True)
class Resolved:
    """What a span of text refers to: a canonical name with its kind and country."""

    name: str
    kind: str
    country: str | None


def _country_actor(table: ActorTable, iso: str, category: str, noun: str) -> Resolved:
    """The actor a country plus a category noun names: 'Pakistani troops' -> Pakistan military."""
    explicit = table.defaults.get((iso, category))
    if explicit is not None:
        return Resolved(explicit.name, explicit.kind, explicit.country)
    country = table.countries[iso]
    kind, suffix = table.categories[category]
    if suffix:
        return Resolved(f"{country.name} {suffix}", kind, iso)
    adjective = country.demonyms[0] if country.demonyms else country.name
    return Resolved(f"{adjective} {noun}", kind, iso)


def canonical_actor(name: str) -> str | None:
    """The canonical name for an actor name written any usual way, or None if unknown.

    >>> canonical_actor("the Israeli army")
    'Israel Defense Forces'
    """
    resolved = resolve_name(name)
    return resolved.name if resolved else None


def resolve_name(name: str) -> Resolved | None:
    """Resolve a free-standing actor name (no parse needed), for evaluation and queries."""
    table = actor_table()
    text = re.sub(r"\s+", " ", name).strip()
    text = re.sub(r"^(the|a|an)\s+", "", text, flags=re.IGNORECASE)
    text = re.sub(r"(?:'s|’s|'|’)$", "", text)
    lowered = text.lower().rstrip(".")
    if not lowered or not _case_allowed(table, text):
        return None
    for candidate in (text.lower(), lowered):
        info = table.alias_to_actor.get(candidate)
        if info:
            return Resolved(info.name, info.kind, info.country)
    for names in (table.name_to_country, table.demonym_to_country):
        iso = names.get(text.lower()) or names.get(lowered)
        if iso:
            return Resolved(table.countries[iso].name, "country", iso)
    iso = table.capital_to_country.get(lowered)
    if iso:
        # a capital named as an actor stands for its government ("Beijing denies")
        return _country_actor(table, iso, "government", "government")
    for head in (table.name_to_country, table.demonym_to_country, table.capital_to_country):
        for phrase, iso in head.items():
            if not lowered.startswith(phrase):
                continue
            for joiner in (" ", "'s ", "’s "):
                prefix = phrase + joiner
                if lowered.startswith(prefix):
                    noun = lowered[len(prefix) :]
                    category = table.noun_category.get(noun)
                    if category:
                        return _country_actor(table, iso, category, noun)
    words = lowered.split()
    for n in range(len(words) - 1, 0, -1):
        info = table.alias_to_actor.get(" ".join(words[:n]))
        if info and " ".join(words[n:]) in info.members:
            return Resolved(info.name, info.kind, info.country)
    return None


def _case_allowed(table: ActorTable, text: str) -> bool:
    """Short acronyms count only as written: "US" is the country, "us" is not."""
    forms = table.acronym_forms.get(text.lower())
    return forms is None or text in forms


@dataclass
class _Found:
    """One actor mention found in a doc, before entities are assembled."""

    start: int  # token index
    end: int
    resolved: Resolved
    priority: int  # higher wins on overlap at equal length


class ActorRecognizer:
    """Find actors and give each one canonical entity with all its mentions."""

    def __init__(self, nlp: Language, name: str = "totor_actors", use_ner: bool = True) -> None:
        self.name = name
        self.use_ner = use_ner
        self.table = actor_table()
        # acronyms and dotted forms match exactly (so "US" is not "us"); the rest ignore case
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._keys: dict[str, tuple[str, object]] = {}
        for info in self.table.actors:
            for alias in info.aliases:
                self._add(nlp, alias, ("actor", info))
        for iso, country in self.table.countries.items():
            for n in country.names:
                self._add(nlp, n, ("country", iso))
            for d in country.demonyms:
                self._add(nlp, d, ("demonym", iso))
        self._first_words = frozenset(
            phrase.split()[0] for phrase in (*self.table.noun_category, *self.table.standalone)
        )
        for iso in self.table.capital_to_country.values():
            self._add(nlp, self.table.countries[iso].capital, ("capital", iso))

    def _add(self, nlp: Language, phrase: str, value: tuple[str, object]) -> None:
        key = f"{value[0]}:{phrase}"
        self._keys[key] = value
        matcher = self.exact if is_acronym(phrase) else self.folded
        matcher.add(key, [nlp.make_doc(phrase)])

    # -- finding -----------------------------------------------------------------------

    def _noun_after(self, doc: Doc, start: int) -> tuple[int, str, str] | None:
        """(end, category, noun) for an actor noun starting at token ``start``."""
        if start >= len(doc) or doc[start].lower_ not in self._first_words:
            return None  # most tokens start no actor noun: skip building phrases
        for size in range(self.table.max_noun_words, 0, -1):
            end = start + size
            if end > len(doc):
                continue
            noun = " ".join(t.lower_ for t in doc[start:end])
            category = self.table.noun_category.get(noun)
            if category:
                return end, category, noun
        return None

    def _from_matches(self, doc: Doc) -> list[_Found]:
        found: list[_Found] = []
        vocab = doc.vocab
        for matcher in (self.exact, self.folded):
            for match_id, start, end in matcher(doc):
                kind, value = self._keys[vocab.strings[match_id]]
                if kind == "actor":
                    assert isinstance(value, ActorInfo)
                    end = self._extend_members(doc, end, value)
                    resolved = Resolved(value.name, value.kind, value.country)
                    found.append(_Found(start, end, resolved, 3))
                    continue
                assert isinstance(value, str)
                if kind == "capital":
                    capital = self._capital(doc, start, end, value)
                    if capital is not None:
                        found.append(capital)
                    continue
                found.append(self._country_or_demonym(doc, start, end, kind, value))
        return found

    def _capital(self, doc: Doc, start: int, end: int, iso: str) -> _Found | None:
        """A capital standing for its state: 'Kabul administration', 'Moscow's forces', and
        a capital the parser tags GPE acting as subject or owner ('Beijing denies')."""
        if not doc[start].is_title:
            return None
        after = end + 1 if end < len(doc) and doc[end].text in _POSSESSIVE else end
        noun = self._noun_after(doc, after)
        if noun is not None and noun[1] not in ("people", "armed"):
            resolved = _country_actor(self.table, iso, noun[1], noun[2])
            return _Found(start, noun[0], resolved, 2)
        last = doc[end - 1]
        if last.ent_type_ != "GPE" or (end < len(doc) and doc[end].ent_type_ == "GPE"):
            return None
        if (
            last.dep_ in ("nsubj", "nsubjpass")
            or after > end
            or _opposite_party(last)
            or _leads_compound(doc, end)
        ):
            return _Found(start, end, _country_actor(self.table, iso, "government", ""), 1)
        return None

    def _extend_members(self, doc: Doc, end: int, info: ActorInfo) -> int:
        """'Hamas' + 'gunmen' -> the whole phrase still names Hamas."""
        if end < len(doc) and info.members:
            nxt = doc[end]
            if end + 1 < len(doc) and f"{nxt.lower_} {doc[end + 1].lower_}" in info.members:
                return end + 2
            if nxt.lower_ in info.members:
                return end + 1
            if (
                nxt.text in ("-", "–")
                and end + 1 < len(doc)
                and doc[end + 1].lower_ in info.members
            ):
                return end + 2
        return end

    def _country_or_demonym(self, doc: Doc, start: int, end: int, kind: str, iso: str) -> _Found:
        country = self.table.countries[iso]
        after = end
        if kind == "country" and after < len(doc) and doc[after].text in _POSSESSIVE:
            after += 1
        noun = self._noun_after(doc, after)
        if noun is not None:
            noun_end, category, noun_text = noun
            return _Found(start, noun_end, _country_actor(self.table, iso, category, noun_text), 2)
        last = doc[end - 1]
        if kind == "demonym" and last.tag_ in ("NNS", "NNPS") and last.lower_.endswith("s"):
            return _Found(start, end, Resolved(doc[start:end].text, "people", iso), 1)
        return _Found(start, end, Resolved(country.name, "country", iso), 1)

    def _from_ner(self, doc: Doc, taken: list[bool]) -> list[_Found]:
        found: list[_Found] = []
        for ent in doc.ents:
            if any(taken[ent.start : ent.end]):
                continue
            span = _trim(ent)
            if span is None or self._names_hazard(doc, span):
                continue  # 'Cyclone Chido' is a storm, not an actor
            if ent.label_ == "PERSON":
                if ext.place_at(doc, span.start_char, span.end_char) is not None:
                    continue  # spaCy often labels towns PERSON; the gazetteer knew better
                found.append(_Found(span.start, span.end, Resolved(span.text, "person", None), 0))
            elif ent.label_ == "ORG":
                if ext.place_at(doc, span.start_char, span.end_char) is not None:
                    continue
                if span.text.lower() in self.table.not_actors or (
                    _MODEL_NUMBER.match(span.text)
                    and span.text.lower() not in self.table.alias_to_actor
                ):
                    continue  # 'S-400', 'F-35': a weapon system, not an organisation
                if span.end < len(doc) and doc[span.end].lower_ in self.table.titles:
                    continue  # 'Defense' in 'Defense Secretary Pete Hegseth' is part of a title
                found.append(
                    _Found(span.start, span.end, Resolved(span.text, _org_kind(span.text), None), 0)
                )
            elif ent.label_ == "NORP" and span[-1].tag_ in ("NNS", "NNPS"):
                found.append(_Found(span.start, span.end, Resolved(span.text, "people", None), 0))
        return found

    def _names_hazard(self, doc: Doc, span: Span) -> bool:
        """'Cyclone Chido', or 'Melissa' right after a capitalised 'Hurricane'."""
        hazards = self.table.hazard_words
        if span[0].lower_ in hazards:
            return True
        before = doc[span.start - 1] if span.start > 0 else None
        return before is not None and before.is_title and before.lower_ in hazards

    def _generic(self, doc: Doc, taken: list[bool], named: list[_Found]) -> list[_Found]:
        """Unnamed references: 'the army' refers back; 'gunmen', 'civilians' stand alone."""
        found: list[_Found] = []
        by_position = sorted(named, key=lambda f: f.start)
        armed_named = {
            f.resolved.name: f.resolved for f in named if f.resolved.kind == "armed_group"
        }
        dominant = self._dominant_country(doc, named)
        i = 0
        while i < len(doc):
            if taken[i] or doc[i].pos_ not in ("NOUN", "PROPN", "DET"):
                i += 1
                continue
            # "the army" / "the group": refer back to the last actor of that kind
            if doc[i].lower_ == "the" and i + 1 < len(doc):
                titled = self._titled_person(doc, i, by_position, taken)
                described = titled or self._described_group(doc, i, by_position, taken)
                if described is not None:
                    found.append(described)
                    i = described.end
                    continue
                for size in (3, 2):
                    phrase = " ".join(t.lower_ for t in doc[i : i + size])
                    want = self.table.refer_back.get(phrase)
                    if want and not any(taken[i : i + size]):
                        kind = self.table.categories.get(want, (want, ""))[0]
                        antecedent = _last_of_kind(by_position, i, kind)
                        if antecedent is not None:
                            found.append(_Found(i + 1, i + size, antecedent, 0))
                            i += size
                            break
                else:
                    i += 1
                continue
            standalone = self._standalone(doc, i, by_position, dominant)
            if standalone is not None and not any(taken[i : standalone[0]]):
                found.append(_Found(i, standalone[0], standalone[1], 0))
                i = standalone[0]
                continue
            noun = self._noun_after(doc, i)
            if noun is None or noun[1] not in ("people", "armed") or any(taken[i : noun[0]]):
                i += 1
                continue
            end, category, noun_text = noun
            side = _side_word(doc, i, self.table.other_side_modifiers)
            if category == "armed" and noun_text in self.table.self_named:
                resolved = Resolved(noun_text, "armed_group", None)
            elif category == "armed" and side is not None:
                # "local clan militias", "pro-government militias": a side of their own,
                # often fighting the group the article names
                resolved = Resolved(f"{side} {noun_text}", "armed_group", None)
            elif category == "armed":
                # one named armed group in the article: the militants are that group
                if len(armed_named) == 1:
                    resolved = next(iter(armed_named.values()))
                else:
                    previous = _last_of_kind(by_position, i, "armed_group")
                    resolved = previous or Resolved("unidentified armed group", "armed_group", None)
            else:
                resolved = Resolved(noun_text, "people", None)
            found.append(_Found(i, end, resolved, 0))
            i = end
        return found

    def _titled_person(
        self, doc: Doc, i: int, by_position: list[_Found], taken: list[bool]
    ) -> _Found | None:
        """'the minister', 'the foreign minister' at token ``i`` ('the'): the last person
        named before with that title ('Foreign Minister Ali Musa', 'Ali Musa, the
        minister,'). None when no such person was named: a bare title names nobody."""
        for size in (3, 2):
            end = i + size
            if end > len(doc) or any(taken[i + 1 : end]):
                continue
            words = [t.lower_ for t in doc[i + 1 : end]]
            if words[-1] not in self.table.titles or not all(t.is_lower for t in doc[i + 1 : end]):
                continue
            if end < len(doc) and doc[end].pos_ == "PROPN":
                continue  # "the minister Ali Musa": the name follows, it is found on its own
            best: _Found | None = None
            for f in by_position:
                if f.start >= i:
                    break
                # "the minister" fits Foreign Minister Ali Musa; "the prime minister" does not
                if f.resolved.kind == "person" and set(words) <= _titles_of(
                    doc, f, self.table.titles
                ):
                    best = f
            if best is not None:
                return _Found(i + 1, end, best.resolved, 0)
        return None

    def _described_group(
        self, doc: Doc, i: int, by_position: list[_Found], taken: list[bool]
    ) -> _Found | None:
        """'the banned separatist militant outfit' at token ``i`` ('the'): the last armed
        group named before, when a modifier marks the group as armed."""
        table = self.table
        for end in range(i + 2, min(i + 7, len(doc)) + 1):
            head = doc[end - 1]
            if any(taken[i + 1 : end]):
                return None
            if head.lower_ in table.group_heads and head.is_lower:
                modifiers = {t.lower_ for t in doc[i + 1 : end - 1]}
                if not modifiers & table.armed_modifiers:
                    return None
                antecedent = _last_of_kind(by_position, i, "armed_group")
                return _Found(i + 1, end, antecedent, 0) if antecedent is not None else None
            if head.pos_ not in ("ADJ", "NOUN", "VERB") or head.dep_ not in ("amod", "compound"):
                return None
        return None

    def _after_titles(self, doc: Doc, taken: list[bool]) -> list[_Found]:
        """Names the parser missed right after a title: 'Minister Florence Parly'."""
        found: list[_Found] = []
        titles = self.table.titles
        for i in range(len(doc) - 2):
            if doc[i].lower_ not in titles or not doc[i].is_title:
                continue
            end = i + 1
            while (
                end < len(doc)
                and end - i <= 4
                and not taken[end]
                and doc[end].is_title
                and doc[end].is_alpha
                and doc[end].pos_ == "PROPN"
                and doc[end].lower_ not in titles
            ):
                end += 1
            if end - (i + 1) < 2:
                continue
            span = doc[i + 1 : end]
            if ext.place_at(doc, span.start_char, span.end_char) is None:
                found.append(_Found(i + 1, end, Resolved(span.text, "person", None), 0))
        return found

    def _surnames(self, doc: Doc, taken: list[bool], named: list[_Found]) -> list[_Found]:
        """Later bare surnames of persons named in full ('Moise' after 'Jovenel Moise'),
        which the parser often leaves unlabelled."""
        by_surname: dict[str, tuple[int, Resolved]] = {}
        for f in named:
            words = f.resolved.name.split()
            if f.resolved.kind == "person" and len(words) >= 2 and words[-1][:1].isupper():
                by_surname.setdefault(words[-1], (f.end, f.resolved))
        if not by_surname:
            return []
        found: list[_Found] = []
        for token in doc:
            hit = by_surname.get(token.text)
            if hit is None or taken[token.i] or token.i < hit[0] or token.pos_ != "PROPN":
                continue
            found.append(_Found(token.i, token.i + 1, hit[1], 0))
        return found

    def _dominant_country(self, doc: Doc, named: list[_Found]) -> str | None:
        """The country an article is mostly about: most mentions of its places and actors."""
        counts: dict[str, int] = {}
        for f in named:
            if f.resolved.country:
                counts[f.resolved.country] = counts.get(f.resolved.country, 0) + 1
        for place in ext.places(doc):
            if place.country:
                counts[place.country] = counts.get(place.country, 0) + len(place.mentions)
        if not counts:
            return None
        best = max(counts.values())
        leaders = [iso for iso, n in counts.items() if n == best]
        return leaders[0] if len(leaders) == 1 else None

    def _standalone(
        self, doc: Doc, i: int, by_position: list[_Found], dominant: str | None
    ) -> tuple[int, Resolved] | None:
        """'security forces arrested...', 'authorities said': an actor with no country
        named: the last one of its kind, else the state the article is about, else unnamed."""
        table = self.table
        if doc[i].lower_ not in self._first_words:
            return None
        for size in (3, 2, 1):
            end = i + size
            if end > len(doc):
                continue
            noun = " ".join(t.lower_ for t in doc[i:end])
            category = table.standalone.get(noun)
            if category is None:
                continue
            kind = table.categories[category][0]
            if i > 0 and doc[i - 1].lower_ in table.party_modifiers:
                # "Republican lawmakers": a side of their own, of the article's country
                name = f"{doc[i - 1].text} {doc[i:end].text.lower()}"
                return end, Resolved(name, kind, dominant)
            if i > 0 and doc[i - 1].pos_ in ("ADJ", "NOUN", "PROPN", "NUM"):
                return None  # 'rebel forces', 'U.N. troops': someone else's
            if doc[i].is_title and not doc[i].is_sent_start:
                return None  # capitalised inside a sentence: part of a name or title
            # courts and parliaments are not the government named before: only the state
            if category in ("military", "government", "police"):
                previous = _last_of_kind(by_position, i, "police" if category == "police" else kind)
                if previous is not None:
                    return end, previous
            if dominant is not None and dominant in table.countries:
                return end, _country_actor(table, dominant, category, noun)
            return end, Resolved(doc[i:end].text.lower(), kind, None)
        return None

    # -- assembling --------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        candidates = self._from_matches(doc)
        chosen = _select(candidates, len(doc))
        taken = [False] * len(doc)
        for f in chosen:
            taken[f.start : f.end] = [True] * (f.end - f.start)
        if self.use_ner:
            ner_found = _select(self._from_ner(doc, taken), len(doc))
            for f in ner_found:
                taken[f.start : f.end] = [True] * (f.end - f.start)
            chosen += ner_found
        titled = self._after_titles(doc, taken)
        for f in titled:
            taken[f.start : f.end] = [True] * (f.end - f.start)
        chosen += titled
        surnames = self._surnames(doc, taken, chosen)
        for f in surnames:
            taken[f.start : f.end] = [True] * (f.end - f.start)
        chosen += surnames
        chosen += self._generic(doc, taken, chosen)
        doc._.entities = _assemble(doc, chosen)
        return doc


def _org_kind(text: str) -> str:
    """The kind of an organisation the parser found, from words in its name."""
    lowered = text.lower()
    for kind, words in load_json("actor_nouns.json")["org_kind_words"].items():
        if any(w in lowered for w in words):
            return kind
    return "organization"


#: prepositions whose object is the other side of an act, never where it happened:
#: 'retaliation against Washington', 'talks with Moscow'
_PARTY_PREPS = frozenset({"against", "with", "toward", "towards"})


#: participles that make a capital the doer in a hyphenated compound: 'the Washington-led
#: war', 'a Moscow-backed militia', 'the Doha-brokered deal'
_AGENT_PARTICIPLES = frozenset(
    {"led", "backed", "sponsored", "brokered", "funded", "supported", "imposed", "run", "armed"}
)


def _leads_compound(doc: Doc, end: int) -> bool:
    return end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ in _AGENT_PARTICIPLES


def _opposite_party(token: Token) -> bool:
    """A capital as the other side of an act ('threatened retaliation against Washington',
    'ties with Moscow'), not as a place: 'fighting in and around Kyiv' stays a place."""
    return token.dep_ == "pobj" and token.head.lower_ in _PARTY_PREPS


def _side_word(doc: Doc, i: int, words: frozenset[str]) -> str | None:
    """The word among the two before token ``i`` that marks an armed group as a side of
    its own ('local clan militias', 'pro-government militias')."""
    for j in (i - 1, i - 2):
        if j < 0:
            break
        token = doc[j]
        if token.lower_ in words:
            return token.lower_
        if j >= 2 and doc[j - 1].text == "-":
            joined = f"{doc[j - 2].lower_}-{token.lower_}"
            if joined in words:
                return joined
        if token.pos_ not in ("ADJ", "NOUN", "PUNCT"):
            break
    return None


_APPOSITION_ENDS = frozenset({",", ".", ";", ":", "(", ")"})


def _titles_of(doc: Doc, found: _Found, titles: frozenset[str]) -> set[str]:
    """The words of the title written with a person's mention: just before it ('Foreign
    Minister Ali Musa' -> foreign, minister) or in an apposition after it ('Ali Musa, the
    country's foreign minister,'). Empty when no title word is among them."""
    words: set[str] = set()
    j = found.start - 1
    while j >= 0 and found.start - j <= 4 and (doc[j].lower_ in titles or doc[j].is_title):
        words.add(doc[j].lower_)
        j -= 1
    if found.end < len(doc) and doc[found.end].text == ",":
        for token in doc[found.end + 1 : found.end + 8]:
            if token.text in _APPOSITION_ENDS or token.pos_ == "VERB" or token.is_quote:
                break  # '... like Arnel Joseph," the spokesperson added': a new speaker
            words.add(token.lower_)
    return words if words & titles else set()


def _trim(span: Span) -> Span | None:
    """Drop a leading 'the' and a trailing possessive from an entity span."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and doc[start].lower_ in ("the", "a", "an"):
        start += 1
    while end > start and doc[end - 1].text in _POSSESSIVE:
        end -= 1
    return doc[start:end] if end > start else None


def _last_of_kind(found: list[_Found], before: int, kind: str) -> Resolved | None:
    wanted = {"police": "government"}.get(kind, kind)
    if kind == "police":
        found = [f for f in found if "police" in f.resolved.name.lower()]
    best: Resolved | None = None
    for f in found:
        if f.start >= before:
            break
        if f.resolved.kind == wanted:
            best = f.resolved
    return best


def _select(found: list[_Found], n_tokens: int) -> list[_Found]:
    """Non-overlapping mentions: longer first, then higher priority, then earlier."""
    taken = [False] * n_tokens
    chosen: list[_Found] = []
    for f in sorted(found, key=lambda f: (-(f.end - f.start), -f.priority, f.start)):
        if any(taken[f.start : f.end]):
            continue
        taken[f.start : f.end] = [True] * (f.end - f.start)
        chosen.append(f)
    return sorted(chosen, key=lambda f: f.start)


def _assemble(doc: Doc, found: list[_Found]) -> list[Entity]:
    """One Entity per canonical actor, ids in order of first mention."""
    by_key: dict[tuple[str, str], Entity] = {}
    persons: list[Entity] = []
    for f in sorted(found, key=lambda f: f.start):
        span = doc[f.start : f.end]
        mention = (span.start_char, span.end_char)
        resolved = f.resolved
        key = (resolved.name.lower(), resolved.kind)
        entity = by_key.get(key)
        if entity is None and resolved.kind in ("person", "organization"):
            # spaCy sometimes labels a bare surname ORG: it is still the person named before
            entity = _same_person(persons, resolved.name)
        if entity is None:
            entity = Entity(
                id="",
                name=resolved.name,
                kind=resolved.kind,  # type: ignore[arg-type]
                country=resolved.country,
            )
            by_key[key] = entity
            if resolved.kind == "person":
                persons.append(entity)
        entity.mentions.append(mention)
        surface = span.text
        if surface not in entity.aliases:
            entity.aliases.append(surface)
    entities = sorted(by_key.values(), key=lambda e: e.mentions[0][0])
    for n, entity in enumerate(entities, start=1):
        entity.id = f"e{n}"
    return entities


def _same_person(persons: list[Entity], name: str) -> Entity | None:
    """'Hagari' after 'Daniel Hagari' is the same person."""
    words = name.split()
    for person in persons:
        full = person.name.split()
        # 'Hagari' or 'La Lime' after 'Helen La Lime': the later form ends the full name
        if len(words) < len(full) and full[-len(words) :] == words:
            return person
        if len(full) < len(words) and words[-len(full) :] == full:
            person.name = name  # the fuller form becomes the canonical name
            return person
    return None


@Language.factory(
    "totor_actors",
    requires=["token.pos", "token.tag", "doc.ents"],
    assigns=["doc._.entities"],
    default_config={"use_ner": True},
)
def make_actor_recognizer(nlp: Language, name: str, use_ner: bool) -> ActorRecognizer:
    return ActorRecognizer(nlp, name=name, use_ner=use_ner)
