"""``totor_labels``: the words each source uses for an actor.

"20 terrorists killed", per the army, and "Hamas-run health officials" are labels: the
term, the actor it refers to, and the claim it appears in. Terms live in
``data/labels.json``.

Four kinds of match, each with its own idea of what it refers to:

- terms ("terrorists", "terror group") and compounds ("separatist militant outfit"): the
  actor they name, the name in apposition, the actor they are said of ("Hamas is a
  terrorist group"), or the armed group named last before them, else the one the article
  is most about;
- affixes ("Hamas-run", "pro-Russian"): the actor they qualify, never the name inside them
  (a "rebel-controlled district" is a place, not an actor, so it is no label);
- evaluative adjectives ("notorious", "antidemocratic"): only when they qualify an actor
  (the noun they modify, its possessor, the name after "like", the subject of "is");
- a label that refers to no actor takes the referent of the same term used earlier, else
  it is dropped: a label is a word for an actor.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Literal, NamedTuple

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Token

from totor.model import Entity, Label
from totor.nlp import extensions as ext
from totor.nlp.lexicon import load_json

Kind = Literal["term", "affix", "adjective"]


class _Found(NamedTuple):
    start: int
    end: int
    last: Token
    kind: Kind


@cache
def _affix_pattern() -> re.Pattern[str]:
    data = load_json("labels.json")
    affixes = "|".join(map(re.escape, data["affixes"]))
    prefixes = "|".join(map(re.escape, data["prefixes"]))
    bases = "|".join(map(re.escape, data["affix_bases"]))
    # "Hamas-run", "Iran-backed", "Kremlin-installed", "pro-Russian", "anti-government",
    # "military-led", "state-run"; a capitalised article or preposition before the name is
    # not part of it ("The Hamas-run")
    return re.compile(
        rf"\b(?:(?!(?:The|A|An|This|That|Its|Their|Our|In|On|By)\s)"
        rf"(?:[A-Z][\w'’.]*(?:\s[A-Z][\w'’.]*)?|(?i:{bases}))-(?:{affixes})"
        rf"|(?i:{prefixes})-[A-Za-z][\w]*)\b"
    )


class LabelFinder:
    def __init__(self, nlp: Language, name: str = "totor_labels") -> None:
        self.name = name
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        data = load_json("labels.json")
        self.matcher.add("LABEL", [nlp.make_doc(term) for term in data["terms"]])
        # 'separatist militant outfit': characterising words before a group noun
        self.compound = Matcher(nlp.vocab)
        modifiers, heads = data["compound"]["modifiers"], data["compound"]["heads"]
        self.compound.add(
            "COMPOUND",
            [[{"LOWER": {"IN": modifiers}, "OP": "+"}, {"LOWER": {"IN": heads}}]],
            greedy="LONGEST",
        )
        self.adjectives = frozenset(data["adjectives"])
        self.armed_words = frozenset(data["armed_words"])
        self.activities = frozenset(data["activities"])
        self.neutral_heads = frozenset(data["neutral_heads"])
        self.force_nouns = frozenset(data["force_nouns"])
        self.seat_heads = frozenset(data["seat_heads"])
        self.patron_terms = frozenset(data["patron_terms"])

    def __call__(self, doc: Doc) -> Doc:
        text = ext.doc_text(doc)
        found = self._matches(doc, text)
        kept: list[tuple[_Found, str | None]] = []
        taken: list[tuple[int, int]] = []
        # longest first, so "terror group" wins over "group" inside it
        for match in sorted(found, key=lambda f: (f.start - f.end, f.start)):
            if any(s < match.end and match.start < e for s, e in taken):
                continue
            if match.kind == "term" and self._activity_not_actor(match):
                continue
            referent = self._refers_to(doc, match)
            if referent is None and match.kind != "term":
                continue
            taken.append((match.start, match.end))
            kept.append((match, referent))
        kept.sort(key=lambda pair: pair[0].start)
        labels: list[Label] = []
        earlier: dict[str, str] = {}
        for match, referent in kept:
            term = text[match.start : match.end]
            key = _term_key(term)
            if referent == _OWN_GROUP:
                continue
            # 'Gunmen seized the mayor ... the gunmen': the same word for the same actor,
            # unless the text ties it to another
            referent = referent or earlier.get(key)
            if referent is None:
                continue
            earlier.setdefault(key, referent)
            claim = ext.claim_covering(doc, match.start, match.end)
            labels.append(
                Label(
                    id="",
                    term=term,
                    refers_to=referent,
                    claim=claim.id if claim else None,
                    span=(match.start, match.end),
                )
            )
        for n, label in enumerate(labels, start=1):
            label.id = f"l{n}"
        doc._.labels = labels
        return doc

    def _matches(self, doc: Doc, text: str) -> list[_Found]:
        found: list[_Found] = []
        for _, start, end in [*self.matcher(doc), *self.compound(doc)]:
            last = doc[end - 1]
            # 'the scum of the earth': the phrase's head word stands for it in the parse
            head = doc[start:end].root
            # 'a cruel terrorist state': evaluative adjectives before a term are part of it
            while start > 0 and doc[start - 1].lower_ in self.adjectives:
                start -= 1
            found.append(_Found(doc[start].idx, last.idx + len(last.text), head, "term"))
        for match in _affix_pattern().finditer(text):
            span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if span is None:
                continue
            # the word of the affix the parse attaches to the rest of the sentence
            last, end = span.root, match.end()
            # "anti-Kremlin fighters": a neutral group noun after the affix joins it
            if span.end < len(doc) and doc[span.end].lower_ in self.neutral_heads:
                last = doc[span.end]
                end = last.idx + len(last.text)
            found.append(_Found(match.start(), end, last, "affix"))
        for token in doc:
            # 'the Kyiv regime', 'the Tehran administration': a government named by its
            # seat, as its adversaries do
            if token.lower_ in self.seat_heads:
                for child in token.children:
                    place = ext.place_at(doc, child.idx, child.idx + len(child.text))
                    seat = child.dep_ in ("compound", "amod", "nmod") and child.i < token.i
                    if seat and place is not None and place.feature == "city":
                        found.append(_Found(child.idx, token.idx + len(token.text), token, "term"))
        for token in doc:
            if token.lower_ not in self.adjectives or token.pos_ not in ("ADJ", "VERB", "NOUN"):
                continue
            if token.dep_ == "conj" and token.head.lower_ in self.adjectives:
                continue  # joined to the first adjective of the pair below
            last = token
            # "corrupt and brutal": coordinated evaluative adjectives are one label
            for conj in token.conjuncts:
                if conj.i > last.i and conj.lower_ in self.adjectives and conj.i - last.i <= 2:
                    last = conj
            found.append(_Found(token.idx, last.idx + len(last.text), token, "adjective"))
        return found

    def _activity_not_actor(self, match: _Found) -> bool:
        """'waged an insurgency' names what a group does, not the group ('the Maoist
        insurgency' does)."""
        last = match.last
        return last.lower_ in self.activities and last.dep_ == "dobj"

    def _refers_to(self, doc: Doc, match: _Found) -> str | None:
        """The actor a label describes, or None."""
        last = match.last
        if match.kind == "adjective":
            return _qualified_actor(doc, last)
        if match.kind == "affix":
            # the actor it qualifies, never the name inside it ('Hamas' in 'Hamas-run')
            if last.lower_ not in self.neutral_heads:
                return _qualified_actor(doc, last)
            named = _said_of(doc, last) or _entity_of(doc, last)
            if named is None:
                return None
            inside = any(s < last.idx and match.start < e for s, e in named.mentions)
            if inside and named.kind in ("country", "government", "military"):
                return None  # 'pro-Russian forces' read as 'Russian forces' are not them
            return named.id
        if last.dep_ in ("amod", "compound") or last.pos_ in ("ADJ", "VERB"):
            entity = _entity_of(doc, last.head)
            if entity is not None:
                return entity.id
            if last.head.lower_ in self.force_nouns:
                return None  # 'a paramilitary unit' the text does not name
        entity = ext.entity_at(doc, match.start, match.end)
        unidentified = entity if entity and entity.name.startswith("unidentified") else None
        if unidentified is not None:
            entity = None
        # 'the Islamist militant group al-Shabab', 'a terrorist group, the BLA', 'jihadist
        # groups, including Boko Haram', 'smugglers like Omar Diallo': the name in
        # apposition, preferred over a generic noun ('prisoners') the label was read as
        named = _said_of(doc, last) or _name_after(doc, last)
        if named is not None and (entity is None or not _is_named(entity)):
            return named.id
        if entity is not None:
            return entity.id
        # '300 inmates, among them 40 hardened criminals': the group the label is part of
        including = _including_whom(doc, last)
        if including is not None:
            return including.id
        # "Wagner's hired guns": the group they belong to; "Iran's proxies" are not Iran
        if last.lower_ not in self.patron_terms:
            for child in last.children:
                owner = _entity_of(doc, child) if child.dep_ == "poss" else None
                if owner is not None and owner.kind not in ("person", "country"):
                    return owner.id
        words = ext.doc_text(doc)[match.start : match.end].lower().replace("-", " ").split()
        if any(w in self.armed_words or w.rstrip("s") in self.armed_words for w in words):
            # 'a terrorist cell calling itself ...', 'a similar terrorist cell', 'another
            # group': a group of its own, none of those named
            if _names_itself(doc, last) or _another_group(last):
                return _OWN_GROUP
            # the armed group named last, else the one the article is most about
            armed = _last_of_kind(doc, match.start, "armed_group") or _main_armed_group(doc)
            if armed is not None:
                return armed
        return unidentified.id if unidentified else None


#: what ``_refers_to`` gives for a label introducing a group the text does not name as an
#: actor ('a terrorist cell calling itself ...'): no referent, and none to inherit
_OWN_GROUP = ""


@cache
def _words(name: str) -> frozenset[str]:
    """A word list of ``labels.json``."""
    return frozenset(load_json("labels.json")[name])


def _term_key(term: str) -> str:
    return " ".join(w.rstrip("s") for w in term.lower().replace("-", " ").split())


def _is_named(entity: Entity) -> bool:
    return any(c.isupper() for c in entity.name)


def _entity_of(doc: Doc, token: Token) -> Entity | None:
    return ext.entity_at(doc, token.idx, token.idx + len(token.text))


def _name_after(doc: Doc, last: Token, person: bool = False) -> Entity | None:
    """The named actor right after a label ('the militant group al-Shabab'); a person
    right after it only when ``person`` ('the notorious warlord Joseph Kony')."""
    nxt = last.i + 1
    while nxt < len(doc) and nxt <= last.i + 3 and doc[nxt].lower_ in _words("before_name"):
        nxt += 1
    if nxt < len(doc) and nxt <= last.i + 4:
        subject = doc[nxt] if doc[nxt].dep_ in ("nsubj", "nsubjpass") else doc[nxt].head
        # 'a terrorist organization, Israel says': the next clause, not an apposition
        comma = doc[nxt - 1].text == ","
        if comma and subject.dep_ in ("nsubj", "nsubjpass") and subject.head.i > nxt:
            return None
        named = _entity_of(doc, doc[nxt])
        if named is not None and named.kind != "person" and _is_named(named):
            return named
        if named is not None and named.kind == "person" and (person or nxt > last.i + 1):
            # 'ruthless smugglers like Omar Diallo': a person only after 'like' and such
            return named
    return None


def _apposed_to(doc: Doc, noun: Token) -> Entity | None:
    """The actor a noun stands in apposition to ('Omar Diallo, the notorious head')."""
    return _entity_of(doc, noun.head) if noun.dep_ == "appos" else None


def _including_whom(doc: Doc, last: Token) -> Entity | None:
    """'inmates, among them 40 hardened criminals': the actor the label's noun belongs to."""
    head = last if last.pos_ in ("NOUN", "PROPN") else last.head
    if head.dep_ == "pobj" and head.head.lower_ in _words("membership"):
        return _entity_of(doc, head.head.head)
    return None


def _subject_entity(doc: Doc, verb: Token) -> str | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            subject = _entity_of(doc, child)
            if subject is not None:
                return subject.id
    return None


def _said_of(doc: Doc, noun: Token) -> Entity | None:
    """The actor a noun is predicated of: 'Hamas is a terrorist group', 'the agency is one
    of the most corrupt bodies', 'Washington designated the BLA as a terror group',
    'Ukraine called the soldiers mercenaries'."""
    clause = noun
    # 'one of the most corrupt bodies': up to 'one'
    while clause.dep_ in ("pobj", "prep") and clause.head.lower_ in ("of", "one", "among"):
        clause = clause.head
    if clause.dep_ == "attr" and clause.head.lemma_ == "be":
        found = _subject_entity(doc, clause.head)
        return _entity_by_id(doc, found)
    verb = None
    if clause.dep_ == "pobj" and clause.head.lower_ == "as":
        verb = clause.head.head
    elif clause.dep_ == "oprd":
        verb = clause.head
    if verb is None or verb.pos_ not in ("VERB", "AUX"):
        return None
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            entity = _entity_of(doc, child)
            if entity is not None:
                return entity
    return None


def _entity_by_id(doc: Doc, entity_id: str | None) -> Entity | None:
    return next((e for e in ext.entities(doc) if e.id == entity_id), None) if entity_id else None


def _qualified_actor(doc: Doc, modifier: Token) -> str | None:
    """The actor a modifier qualifies: the noun it modifies ('the notorious leader'), that
    noun's possessor ("the general's brutal rule"), the name after it ('ruthless smugglers
    like Omar Diallo'), or the subject it is said of ('the agency is one of the most corrupt
    bodies', 'the group is notorious')."""
    if modifier.dep_ in ("amod", "compound", "nmod", "conj"):
        noun = modifier.head
        while noun.dep_ == "conj" and noun.head.i != noun.i:
            noun = noun.head
        if noun.dep_ in ("amod", "compound", "nmod"):
            noun = noun.head
    elif modifier.dep_ == "acomp":
        noun = modifier.head
    else:
        return None
    if modifier.dep_ == "acomp":
        return _subject_entity(doc, noun)
    said_of = _said_of(doc, noun)
    if said_of is not None:
        return said_of.id
    if noun.pos_ in ("NOUN", "PROPN", "PRON"):
        named = _name_after(doc, noun, person=True)
        if named is not None:
            return named.id
        entity = _entity_of(doc, noun)
        # 'Omar Diallo, the notorious head of a ring': the name it stands beside
        entity = entity or _apposed_to(doc, noun)
        # 'a peaceful, prosperous Chad' qualifies the country as a place, not an actor
        if entity is not None and entity.kind != "country":
            return entity.id
        for child in noun.children:
            if child.dep_ == "poss":
                owner = _entity_of(doc, child)
                if owner is not None:
                    return owner.id
        # 'the two junta-led countries': the countries just named
        if noun.lower_ in _words("country_nouns") and entity is None:
            return _last_of_kind(doc, noun.idx, "country")
    return None


def _names_itself(doc: Doc, last: Token) -> bool:
    """Whether a label is followed by the name its group goes by ('calling itself X')."""
    after = " ".join(t.lower_ for t in doc[last.i + 1 : last.i + 4])
    return any(after.startswith(words) for words in _words("naming_words"))


def _another_group(noun: Token) -> bool:
    """'another militant group', 'a similar terrorist cell': one other than those named."""
    return any(c.lower_ in _words("other_group") for c in noun.children)


def _main_armed_group(doc: Doc) -> str | None:
    """The armed group the article is most about: the one mentioned most often."""
    groups = [
        e
        for e in ext.entities(doc)
        if e.kind == "armed_group" and not e.name.startswith("unidentified")
    ]
    if not groups:
        return None
    return max(groups, key=lambda e: len(e.mentions)).id


def _last_of_kind(doc: Doc, before: int, kind: str) -> str | None:
    """The entity of a kind mentioned last before a character offset."""
    best: str | None = None
    best_at = -1
    for entity in ext.entities(doc):
        if entity.kind != kind or entity.name.startswith("unidentified"):
            continue
        for start, _end in entity.mentions:
            if best_at < start < before:
                best, best_at = entity.id, start
    return best


@Language.factory(
    "totor_labels",
    requires=["token.dep"],
    assigns=["doc._.labels"],
    default_config={},
)
def make_label_finder(nlp: Language, name: str) -> LabelFinder:
    return LabelFinder(nlp, name=name)
