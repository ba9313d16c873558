"""``totor_figures``: counts of people (and percentages) and what they measure.

For each quantity that numbers.py reads in the text, the component:

1. drops numbers that are not counts: years and dates (anything inside a Time), ages
   ("aged 5", "the age of five"), durations, money, clock times, measurements, ordinals,
   "one of the ...", a pronoun "one" ("the one allied with IS"), phone and code numbers,
   numbers inside names ("Resolution 2334");
2. finds the counted noun (the noun the number modifies, Y in "dozens of Y", or Y in
   "put the number of Y at 3,000");
3. finds the measure from the dependency parse: a verb done to people a noun puts in a
   state ("freed 12 hostages" = evacuated, "deported 177 detainees" = other), the counted
   noun itself ("20 bodies"), a state ("three in detention", "under rebel control"), its
   modifiers ("people killed", "people who were wounded"), then the governing words up to
   the nearest reporting verb ("were killed", "killing 20", "a death toll of 34", "the
   toll rose to 34,535"; "held"/"carrying" only for their own object), then "catastrophic
   for millions", then a short window to the right, then, for subsets ("including 12
   children", "12 of them children"), the figure it belongs to; an act that has not
   happened ("will be sent back", "can hold 550") or is negated counts nothing;
4. keeps the figure when it has a measure, or counts people (value >= min_value_other);
   a percentage is kept, as "other", when it is a share of people or of a count of harm;
5. ties it to the claim covering it (not one whose speaker is the figure, not one that
   denies or does not confirm it, nor a request such as "China asked for the return of
   45", never the outlet: "VOA said" is the outlet's own statement), else to the claim of
   the source that is the subject of "raised/put the toll", else to the report just
   before when the sentence goes on with it: a part of a count ("Among the dead were 12
   children") or a count in the past perfect ("More than 150 people had sustained
   injuries": the tense of reported speech). Gold treats other unattributed sentences
   after a report as the outlet's own (tried: tying them to the report lost 5 of 85 on
   dev). Place and time are the nearest in the sentence;
6. merges repeats of one fact (same measure, unit, value, low, high and a compatible
   subject; for "other", the same act: "deported 40" ... "the 40 who were deported";
   "the five" names a group given before even inside a part) into one Figure whose
   ``spans`` lists every mention. The first mention decides who states the fact (an
   unattributed lede is the outlet's), unless it names its source only vaguely
   ("witnesses") and a later one names a person.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from totor.model import Claim, Figure, Measure, Time
from totor.nlp import extensions
from totor.nlp.numbers import Quantity, scan, split_words
from totor.nlp.times import TimeFinder, parse_published

_PRONOUNS = frozenset({"them", "those", "whom", "which", "these", "us", "they"})
#: "12 of them", "five of the dead": a part of a count given before
_PARTITIVE_HEADS = frozenset({"them", "those", "the", "these", "whom"})
_WALK_DEPS_STOP = frozenset({"ROOT"})
_DEFINITE = frozenset({"the", "these", "those"})
_RELATIVES = frozenset({"who", "whom", "that", "which"})
_DETERMINERS = frozenset({"the", "this", "that", "a", "every", "each"})
_MAX_WALK = 5
_WINDOW = 5


@dataclass(frozen=True)
class _Lexicon:
    verbs: dict[str, Measure]
    adjectives: dict[str, Measure]
    nouns_strong: dict[str, Measure]
    nouns_weak: dict[str, Measure]
    head_nouns: dict[str, Measure]
    states: dict[str, Measure]
    person_nouns: frozenset[str]
    generic_subjects: frozenset[str]
    reporting_verbs: frozenset[str]
    subset_links: frozenset[str]
    excluded_after: frozenset[str]
    excluded_before: frozenset[str]
    excluded_labels: frozenset[str]
    min_value_other: float
    negators_before: frozenset[str]
    zero_words: frozenset[str]
    zero_blockers: frozenset[str]
    single_measures: frozenset[str]
    intransitive_verbs: frozenset[str]
    suffer_verbs: frozenset[str]
    collective_nouns: frozenset[str]
    single_blockers: frozenset[str]
    outlet_speakers: frozenset[str]
    source_verbs: frozenset[str]
    source_nouns: frozenset[str]
    source_entity_labels: frozenset[str]
    continuation_openers: frozenset[str]
    verb_phrases_not_measures: frozenset[str]
    object_only_verbs: frozenset[str]
    noun_first_verbs: frozenset[str]
    excluded_after_of: frozenset[str]
    non_assertive_cues: frozenset[str]
    denial_cues: frozenset[str]
    hypothetical_auxiliaries: frozenset[str]
    count_nouns: frozenset[str]
    venue_nouns: frozenset[str]
    harm_adjectives: frozenset[str]


@cache
def lexicon() -> _Lexicon:
    raw: dict[str, Any] = json.loads(
        resources.files("totor.nlp").joinpath("data/figures.json").read_text("utf-8")
    )
    return _Lexicon(
        verbs=raw["verbs"],
        adjectives=raw["adjectives"],
        nouns_strong=raw["nouns_strong"],
        nouns_weak=raw["nouns_weak"],
        head_nouns=raw["head_nouns"],
        states=raw["states"],
        person_nouns=frozenset(raw["person_nouns"]),
        generic_subjects=frozenset(raw["generic_subjects"]),
        reporting_verbs=frozenset(raw["reporting_verbs"]),
        subset_links=frozenset(raw["subset_links"]),
        excluded_after=frozenset(raw["excluded_after"]),
        excluded_before=frozenset(raw["excluded_before"]),
        excluded_labels=frozenset(raw["excluded_entity_labels"]),
        min_value_other=float(raw["min_value_other"]),
        negators_before=frozenset(raw["negators_before"]),
        zero_words=frozenset(raw["zero_words"]),
        zero_blockers=frozenset(raw["zero_blockers"]),
        single_measures=frozenset(raw["single_measures"]),
        intransitive_verbs=frozenset(raw["intransitive_verbs"]),
        suffer_verbs=frozenset(raw["suffer_verbs"]),
        collective_nouns=frozenset(raw["collective_nouns"]),
        single_blockers=frozenset(raw["single_blockers"]),
        outlet_speakers=frozenset(raw["outlet_speakers"]),
        source_verbs=frozenset(raw["source_verbs"]),
        source_nouns=frozenset(raw["source_nouns"]),
        source_entity_labels=frozenset(raw["source_entity_labels"]),
        continuation_openers=frozenset(raw["continuation_openers"]),
        verb_phrases_not_measures=frozenset(raw["verb_phrases_not_measures"]),
        object_only_verbs=frozenset(raw["object_only_verbs"]),
        noun_first_verbs=frozenset(raw["noun_first_verbs"]),
        excluded_after_of=frozenset(raw["excluded_after_of"]),
        non_assertive_cues=frozenset(raw["non_assertive_cues"]),
        denial_cues=frozenset(raw["denial_cues"]),
        hypothetical_auxiliaries=frozenset(raw["hypothetical_auxiliaries"]),
        count_nouns=frozenset(raw["count_nouns"]),
        venue_nouns=frozenset(raw["venue_nouns"]),
        harm_adjectives=frozenset(raw["harm_adjectives"]),
    )


@dataclass
class _Found:
    """A figure before ids and merging."""

    start: int  # token indices of the quantity phrase
    end: int
    quantity: Quantity
    counted: Token | None
    subject: Span | None
    measure: Measure | None
    measure_token: Token | None
    figure_span: tuple[int, int]  # char offsets
    subset: bool = False  # "including 12 children": a part of another figure


def quantity_phrases(doc: Doc) -> list[tuple[int, int, Quantity]]:
    """Token ranges [start, end) of every quantity in the doc."""
    words: list[str] = []
    owner: list[int] = []
    for token in doc:
        parts = split_words(token.text) if any(c.isdigit() for c in token.text) else [token.lower_]
        words.extend(parts)
        owner.extend([token.i] * len(parts))
    found = []
    for match in scan(words):
        start, end = owner[match.start], owner[match.end - 1] + 1
        # a match must cover whole tokens: "401st" gives "401" + "st" and is no count
        if match.start > 0 and owner[match.start - 1] == start:
            continue
        if match.end < len(owner) and owner[match.end] == end - 1:
            continue
        found.append((start, end, match.quantity))
    return found


def _word(token: Token) -> str:
    return token.lower_


def _is_excluded(
    doc: Doc, start: int, end: int, quantity: Quantity, time_spans: list[tuple[int, int]]
) -> bool:
    lex = lexicon()
    tokens = doc[start:end]
    first_char, last_char = tokens.start_char, tokens.end_char
    if any(first_char < b and a < last_char for a, b in time_spans):
        return True
    if any(
        t.ent_type_ in lex.excluded_labels and not _bare_number_entity(doc, t)
        for t in tokens
        if t.like_num or t.pos_ == "NUM"
    ):
        return True
    number_tokens = [t for t in tokens if any(c.isdigit() for c in t.text)]
    for t in number_tokens:
        text = t.text
        digits = sum(c.isdigit() for c in text)
        if ":" in text or text.count("-") >= 2 or (text.startswith(("+", "0")) and digits > 1):
            return True  # clock times, phone numbers, codes
        if digits >= 7 and "," not in text and "." not in text:
            return True  # news writes large counts with separators; bare runs are ids
    if (
        quantity.low is None
        and quantity.high is None
        and not quantity.approx
        and not quantity.percent
    ):
        only = number_tokens[0].text if len(number_tokens) == 1 and end - start == 1 else ""
        if only.isdigit() and len(only) == 4 and 1800 <= int(only) <= 2100:
            nxt = doc[end] if end < len(doc) else None
            if nxt is None or nxt.lemma_.lower() not in lex.person_nouns:
                return True  # a year
    after = doc[end] if end < len(doc) else None
    if after is not None:
        if _word(after) in lex.excluded_after or after.lemma_.lower() in lex.excluded_after:
            return True
        if after.text == "-" and end + 1 < len(doc) and _word(doc[end + 1]) in lex.excluded_after:
            return True  # "25-year-old", "5-km"
        if _word(after) == "of" and _word(doc[end - 1]) == "one" and end - start == 1:
            return True  # "one of the ..."
        if (
            after.text in ("-", "–")
            and end + 1 < len(doc)
            and doc[end + 1].is_alpha
            and not doc[end + 1].like_num
        ):
            return True  # "5,000-man force", "30-day ceasefire": the number describes a noun
    before = doc[start - 1] if start > 0 else None
    if (
        before is not None
        and before.text == ","
        and start > 1
        and doc[start - 2].pos_ == "PROPN"
        and after is not None
        and after.text in (",", ")")
        and end - start == 1
        and quantity.value < 120
    ):
        return True  # "Amirov, 45, and Omarov, 40": ages set off after a name
    first = doc[start]
    if (
        first.lower_ in ("under", "over")
        and quantity.value <= 21
        and before is not None
        and (before.lemma_.lower() in lex.person_nouns or before.pos_ in ("NOUN", "PRON"))
    ):
        return True  # "minors under 18": an age limit
    if before is not None:
        if _word(before) in lex.excluded_before:
            return True
        if _word(before) in lex.negators_before and tokens[0].lower_ == "one":
            return True  # "no one was hurt"
        if (
            _word(before) == "of"
            and start > 1
            and doc[start - 2].lemma_.lower() in lex.excluded_after_of
        ):
            return True  # "under the age of five"
        if (
            before.is_title
            and before.pos_ == "PROPN"
            and not before.is_sent_start
            and number_tokens
            and end - start == 1
        ):
            return True  # "Resolution 2334", "Flight 370"
        if (
            before.text in ("-", "–")
            and start > 1
            and doc[start - 2].is_alpha
            and doc[start - 2].is_upper
        ):
            return True  # "F-16", "MH-17"
    return bool(
        end - start == 1
        and tokens[0].lower_ in ("one", "1")
        and after is not None
        and after.lower_ in ("another", "other")
    )


_NUMERIC_LABELS = frozenset({"MONEY", "TIME", "ORDINAL", "QUANTITY", "PERCENT", "DATE"})


def _bare_number_entity(doc: Doc, token: Token) -> bool:
    """A name-like entity ("ORG") that is only a number: a tagging slip ("104 passengers"),
    not a name such as "Resolution 2334"."""
    if token.ent_type_ in _NUMERIC_LABELS:
        return False
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return all(t.like_num or t.is_punct for t in doc[start:end])


def _phrase_root(doc: Doc, start: int, end: int) -> Token:
    """The token of [start, end) whose head lies outside it (the phrase's syntactic head)."""
    for token in doc[start:end]:
        outside = not (start <= token.head.i < end) or token.head == token
        if outside and (token.like_num or token.pos_ in ("NUM", "NOUN", "SYM")):
            return token
    for token in reversed(doc[start:end]):
        if token.like_num or token.pos_ == "NUM":
            return token
    return doc[end - 1]


def _counted_noun(doc: Doc, start: int, end: int, root: Token) -> Token | None:
    noun = _counted_candidate(doc, start, end, root)
    if (
        noun is not None
        and noun.lower_ == noun.lemma_.lower()
        and f"{noun.head.lemma_.lower()} {noun.lemma_.lower()}" in lexicon().verbs
    ):
        # "took hundreds hostage": the singular noun names the act, not who is counted;
        # "took 200 passengers hostage": the noun before it is
        between = [t for t in doc[end : noun.i] if t.pos_ in ("NOUN", "PROPN")]
        return between[-1] if between else None
    return noun


def _counted_candidate(doc: Doc, start: int, end: int, root: Token) -> Token | None:
    lex = lexicon()
    head = root.head
    if (
        root.dep_ in ("nummod", "quantmod", "amod", "compound")
        and head.pos_ in ("NOUN", "PROPN")
        and not start <= head.i < end
    ):
        return head
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ != "pobj":
                    continue
                if pobj.lower_ in _PRONOUNS:
                    nxt = doc[pobj.i + 1] if pobj.i + 1 < len(doc) else None
                    if nxt is not None and nxt.pos_ in ("NOUN", "PROPN"):
                        return nxt  # "12 of them children"
                    return None
                if pobj.pos_ in ("NOUN", "PROPN", "ADJ"):
                    return pobj
    # the parser sometimes leaves "20 people" unattached: take an adjacent person noun
    nxt = doc[end] if end < len(doc) else None
    if nxt is not None and nxt.pos_ in ("NOUN", "PROPN") and nxt.lemma_.lower() in lex.person_nouns:
        return nxt
    if nxt is not None and nxt.pos_ in ("ADJ", "PROPN") and end + 1 < len(doc):
        after = doc[end + 1]
        if after.pos_ == "NOUN" and after.lemma_.lower() in lex.person_nouns:
            return after
    return _counted_by_count_noun(root)


def _counted_by_count_noun(root: Token) -> Token | None:
    """ "put the number of fighters at 3,000", "the number of refugees rose to 40,000",
    "the total of displaced people is 12,000": what the count noun counts."""
    lex = lexicon()
    if root.dep_ == "pobj" and root.head.lower_ in ("at", "to"):
        governor = root.head.head
    elif root.dep_ == "attr":
        governor = root.head
    else:
        return None
    if governor.pos_ == "NOUN":
        count_nouns = [governor]
    else:
        count_nouns = [c for c in governor.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
    for count_noun in count_nouns:
        if count_noun.lemma_.lower() not in lex.count_nouns:
            continue
        for prep in count_noun.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj" and pobj.pos_ in ("NOUN", "PROPN"):
                        return pobj
    return None


def _subject(doc: Doc, counted: Token, phrase_end: int) -> Span:
    """The counted noun with its adjectives and compounds: 'Israeli soldiers'."""
    start = counted.i
    for child in counted.lefts:
        if (
            child.i >= phrase_end
            and child.dep_ in ("amod", "compound", "nmod")
            and child.lemma_.lower() not in lexicon().adjectives
        ):
            start = min(start, child.i)
            break
    return doc[start : counted.i + 1]


def _verb_key_measures(token: Token) -> tuple[Measure | None, Token | None]:
    """Measure named by a verb or adjective, with multiword keys ('take hostage')."""
    lex = lexicon()
    lemma = token.lemma_.lower()
    negated = token.pos_ == "VERB" and any(c.dep_ == "neg" for c in token.children)
    for child in token.children:
        key = f"{lemma} {child.lemma_.lower()}"
        if key in lex.verbs:
            # "the eight who were not sent back": not a count of the act
            return (None, None) if negated else (lex.verbs[key], token)
        if child.dep_ in ("prt", "prep") and key in lex.verb_phrases_not_measures:
            return None, None  # "caught up in the fighting", "caught in crossfire": no arrest
    if token.pos_ in ("VERB", "AUX"):
        state = _state_measure(token)
        if state[0]:
            return state
    if token.pos_ in ("VERB", "AUX") and lemma in lex.verbs:
        if any(c.dep_ == "neg" for c in token.children):
            return None, None  # "three suspects were never caught": not a count of arrests
        return lex.verbs[lemma], token
    if token.pos_ in ("ADJ", "VERB", "NOUN") and token.lower_ in lex.adjectives:
        return lex.adjectives[token.lower_], token
    if token.pos_ == "ADJ" and lemma in lex.adjectives:
        return lex.adjectives[lemma], token
    return None, None


def _state_measure(token: Token) -> tuple[Measure | None, Token | None]:
    """ "were in detention", "300 people in custody", "children at risk": a state named by a
    preposition and its noun."""
    lex = lexicon()
    for prep in token.children:
        if prep.dep_ != "prep":
            continue
        for pobj in prep.children:
            if pobj.dep_ == "pobj":
                measure = lex.states.get(f"{prep.lower_} {pobj.lemma_.lower()}")
                if measure:
                    return measure, pobj
    return None, None


def _measure_from_parse(anchor: Token, stop_at: int) -> tuple[Measure | None, Token | None]:
    lex = lexicon()
    lemma = anchor.lemma_.lower()
    verb_key = f"{anchor.head.lemma_.lower()} {lemma}"
    if verb_key in lex.verbs:
        return lex.verbs[verb_key], anchor.head  # "took hundreds hostage"
    if lemma in lex.nouns_strong and lex.nouns_strong[lemma] != "other":
        acted = _act_on_people(anchor)
        if acted[0]:
            return acted
        return lex.nouns_strong[lemma], anchor
    if anchor.pos_ in ("NOUN", "PROPN", "NUM"):
        state = _state_measure(anchor)
        if state[0]:
            return state
    current = anchor
    for _ in range(_MAX_WALK):
        for child in current.children:
            if child.dep_ in ("amod", "acl", "relcl", "appos", "conj", "advcl") or (
                child.dep_ == "acomp" and current.pos_ == "AUX"
            ):
                if child.dep_ in ("relcl", "acl", "conj", "appos", "advcl") and _holds_number(
                    child, anchor
                ):
                    continue  # "354 passengers were freed, 37 of whom were injured"
                if child.lemma_.lower() in lex.object_only_verbs and (
                    _held_by_venue(child)
                    or (
                        child.dep_ in ("relcl", "acl")
                        and any(
                            c.dep_ in ("dobj", "nsubjpass") and c.lower_ not in _RELATIVES
                            for c in child.children
                        )
                    )
                ):
                    continue  # "people who held a rally": the verb has its own object
                found = _verb_key_measures(child)
                if found[0]:
                    return found
        head = current.head
        if head == current:
            break
        found = _verb_key_measures(head)
        if found[0] and (
            head.lemma_.lower() not in lex.object_only_verbs
            or (
                current.i == anchor.i
                and current.dep_ in ("dobj", "nsubjpass")
                and not _held_by_venue(head)
            )
        ):
            return _shared_by_conjunct(head, current, found)
        head_lemma = head.lemma_.lower()
        if (
            head.pos_ in ("NOUN", "PROPN")
            and head_lemma in lex.head_nouns
            and lex.head_nouns[head_lemma] != "other"
        ):
            return lex.head_nouns[head_lemma], head
        if head.pos_ in ("VERB", "AUX"):
            for child in head.children:
                if child.dep_ in ("acomp", "oprd", "xcomp") and child != current:
                    found = _verb_key_measures(child)  # "were confirmed dead"
                    if found[0]:
                        return found
                if child.dep_ == "prep" and child.lower_ == "among":
                    for pobj in child.children:  # "were among those killed"
                        for mod in pobj.children:
                            found = _verb_key_measures(mod)
                            if mod.dep_ in ("acl", "relcl", "amod") and found[0]:
                                return found
                if child.dep_ in ("nsubj", "nsubjpass", "dobj") and child != current:
                    # "raised the death toll to 60", "60 had sustained injuries"
                    subject_lemma = child.lemma_.lower()
                    if subject_lemma in lex.head_nouns and lex.head_nouns[subject_lemma] != "other":
                        return lex.head_nouns[subject_lemma], child
            if head_lemma in lex.reporting_verbs:
                break
        if head.lower_ in ("according",) or (
            head.dep_ in _WALK_DEPS_STOP and head.pos_ in ("VERB", "AUX")
        ):
            # the root clause: look no further than its own verb (checked above)
            break
        if head.i < stop_at:
            break
        current = head
    return None, None


def _pronoun_one(
    doc: Doc, start: int, end: int, counted: Token | None, measure_token: Token | None
) -> bool:
    """A bare "one" is a pronoun unless a verb or adjective counts it ("one was killed",
    "killing one"): "the one allied with IS", "access to one" count no one."""
    if end - start != 1 or doc[start].lower_ != "one" or counted is not None:
        return False
    if start > 0 and doc[start - 1].lower_ in _DETERMINERS:
        return True
    return measure_token is None or measure_token.pos_ not in ("VERB", "ADJ", "AUX")


def _hypothetical(verb: Token | None) -> bool:
    """ "will be sent back", "could be killed": an act that has not happened."""
    if verb is None or verb.pos_ != "VERB":
        return False
    auxiliaries = lexicon().hypothetical_auxiliaries
    return any(c.dep_ == "aux" and c.lower_ in auxiliaries for c in verb.children)


def _act_on_people(anchor: Token) -> tuple[Measure | None, Token | None]:
    """ "freed 12 hostages", "deported 177 detainees", "killed 5 prisoners": a verb done
    to people that a noun already puts in a state says what happened to them now. Verbs
    of holding or suffering leave the measure to the noun ("holding 130 hostages")."""
    lex = lexicon()
    verb = anchor.head
    if (
        anchor.dep_ not in ("dobj", "nsubjpass")
        or verb.pos_ != "VERB"
        or verb.lemma_.lower() in lex.noun_first_verbs
        or anchor.lemma_.lower() not in lex.person_nouns
    ):
        return None, None
    found = _verb_key_measures(verb)
    if found[0] is None:
        return None, None
    return _shared_by_conjunct(verb, anchor, found)


def _held_by_venue(verb: Token) -> bool:
    """ "a hall that held 300 worshippers", "the stadium holds 40,000 people": a place or
    vehicle holding people is no custody (the relative pronoun stands for its noun)."""
    lex = lexicon()
    if lex.verbs.get(verb.lemma_.lower()) != "arrested":
        return False  # "the bus was carrying 40 students": they were on board
    for subject in verb.children:
        if subject.dep_ != "nsubj":
            continue
        if subject.lower_ in _RELATIVES and verb.dep_ == "relcl":
            subject = verb.head
        if subject.lemma_.lower() in lex.venue_nouns:
            return True
    return False


def _shared_by_conjunct(
    verb: Token, counted: Token, found: tuple[Measure | None, Token | None]
) -> tuple[Measure | None, Token | None]:
    """ "killed and injured 1,000 fighters": one count for two measures is neither alone."""
    if counted.dep_ != "dobj":
        return found
    partners = [verb.head] if verb.dep_ == "conj" else []
    partners += [c for c in verb.children if c.dep_ == "conj"]
    for partner in partners:
        if partner.pos_ != "VERB" or any(c.dep_ == "dobj" for c in partner.children):
            continue  # "killed 5 and injured 10": each verb has its own count
        other = _verb_key_measures(partner)[0]
        if other and other != found[0]:
            return "other", verb
    return found


def _holds_number(token: Token, anchor: Token) -> bool:
    """Whether a dependent clause counts something of its own. Numbers of dates and times
    ("seized during the attack on October 7, 2023") count nothing."""
    return any(
        t.like_num and t.i != anchor.i and t.head != anchor and t.ent_type_ not in _DATE_ENTS
        for t in token.subtree
    )


_DATE_ENTS = frozenset({"DATE", "TIME"})


def _measure_from_window(doc: Doc, end: int, sent_end: int) -> tuple[Measure | None, Token | None]:
    for token in doc[end : min(sent_end, end + _WINDOW)]:
        if token.like_num or token.text in (";", ":", "(", ")") or token.pos_ == "CCONJ":
            break  # "rescued 190 passengers and killed 30": the next clause has its own count
        found = _verb_key_measures(token)
        if found[0]:
            return found
        if token.pos_ == "VERB":
            break
    return None, None


def _harmed_for(doc: Doc, start: int) -> tuple[Measure | None, Token | None]:
    """ "catastrophic for millions of people", "devastating for 2 million farmers": people
    a harm falls on are affected (read from the words: the parser often attaches "for"
    elsewhere)."""
    if start < 2 or doc[start - 1].lower_ != "for":
        return None, None
    adjective = doc[start - 2]
    if adjective.lower_ in lexicon().harm_adjectives:
        return "affected", adjective
    return None, None


def _whole_named_beside(anchor: Token) -> tuple[Measure, Token] | None:
    """ "Among the dead were 12 children", "Of the injured, 5 are in critical condition":
    the count is a part of a whole the clause names by its measure."""
    lex = lexicon()
    verb = anchor.head
    if anchor.dep_ not in ("nsubj", "nsubjpass", "attr") or verb.pos_ not in ("AUX", "VERB"):
        return None
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("among", "of"):
            continue
        for pobj in prep.children:
            measure = lex.nouns_strong.get(pobj.lemma_.lower()) or lex.nouns_strong.get(pobj.lower_)
            if pobj.dep_ == "pobj" and measure not in (None, "other"):
                return measure, pobj
    return None


def _share_of_people(counted: Token | None, is_person: bool) -> bool:
    """ "85% of refugees", "half of Germans", "a 45% increase in deaths": a percentage of
    people or of a count of harm (not "5 percent of GDP")."""
    if counted is None:
        return False
    if is_person or _names_people(counted):
        return True
    return any(
        _names_people(pobj)
        for prep in counted.children
        if prep.dep_ == "prep" and prep.lower_ in ("in", "of", "among")
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    )


def _plural_name_of_people(token: Token) -> bool:
    """ "48 Uyghurs", "12 Rohingyas": the tagger keeps a proper plural unlemmatised."""
    word = token.lower_
    return token.pos_ == "PROPN" and word.endswith("s") and word[:-1] in lexicon().person_nouns


def _names_people(token: Token) -> bool:
    lex = lexicon()
    lemma = token.lemma_.lower()
    return (
        lemma in lex.person_nouns
        or token.lower_ in lex.person_nouns
        or token.ent_type_ == "NORP"
        or lemma in lex.nouns_strong
        or _plural_name_of_people(token)
    )


def _is_subset(root: Token, counted: Token | None) -> bool:
    """ "including 12 children", "among them 5 women", "12 of them children"."""
    lex = lexicon()
    for token in (root, counted):
        if token is None:
            continue
        current = token
        for _ in range(3):
            if current.dep_ == "appos":
                return True
            parent = current.head
            if parent == current:
                break
            # "including 12 children" is a part; "the 20 killed included 4 children" has
            # the whole as the subject of the link
            if parent.lemma_.lower() in lex.subset_links and current.dep_ not in (
                "nsubj",
                "nsubjpass",
            ):
                return True
            current = parent
    return any(
        c.lower_ == "of" and any(p.lower_ in _PRONOUNS for p in c.children) for c in root.children
    )


def _nearest(
    items: Iterable[tuple[str, tuple[int, int]]], lo: int, hi: int, at: tuple[int, int]
) -> str | None:
    best: tuple[int, str] | None = None
    for item_id, (a, b) in items:
        if a >= lo and b <= hi:
            distance = max(a - at[1], at[0] - b, 0)
            if best is None or distance < best[0]:
                best = (distance, item_id)
    return best[1] if best else None


_ZERO = Quantity(value=0.0)
_ONE = Quantity(value=1.0)


def _evidence(doc: Doc, first: Token, second: Token | None) -> tuple[int, int]:
    """Char span from the counted words to the word naming the measure, when close."""
    lo, hi = first.i, first.i
    if second is not None and abs(second.i - first.i) <= 10:
        lo, hi = min(lo, second.i), max(hi, second.i)
    return doc[lo].idx, doc[hi].idx + len(doc[hi])


def _zero_counts(doc: Doc, taken: set[int]) -> list[_Found]:
    """ "no one was killed", "causing no deaths", "no passengers were hurt": a count of 0,
    kept only when the clause names a measure (not "no one claimed responsibility")."""
    lex = lexicon()
    found: list[_Found] = []
    for token in doc:
        word = token.lower_
        if word not in lex.zero_words:
            continue
        nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if word == "no" and nxt is not None and nxt.lower_ in ("one", "1"):
            anchor = nxt  # "no one"
        elif word == "no" and token.dep_ == "det" and token.head.pos_ in ("NOUN", "PROPN"):
            anchor = token.head
        elif word != "no" and token.pos_ in ("PRON", "NOUN"):
            anchor = token  # "nobody", "none"
        else:
            continue
        if anchor.i in taken or (nxt is not None and nxt.lower_ in lex.zero_blockers):
            continue
        lemma = anchor.lemma_.lower()
        if (
            anchor.pos_ == "NOUN"
            and anchor.lower_ not in ("one", "1")
            and lemma not in lex.person_nouns
            and lemma not in lex.nouns_strong
        ):
            continue  # "no sign of", "no claim"
        sent = extensions.sentence_of(doc, anchor.i)
        measure, measure_token = _measure_from_parse(anchor, sent.start)
        if measure in (None, "other", "population", "affected"):
            continue
        is_noun = anchor.pos_ == "NOUN" and anchor.lower_ not in ("one", "1")
        subject = doc[anchor.i : anchor.i + 1] if is_noun else None
        found.append(
            _Found(
                token.i,
                anchor.i + 1,
                _ZERO,
                anchor if subject is not None else None,
                subject,
                measure,
                measure_token,
                _evidence(doc, token, measure_token),
            )
        )
    return found


def _single_victims(doc: Doc, taken: set[int]) -> list[_Found]:
    """One named or singular person killed or hurt: "an American scientist was killed",
    "the driver has died", "the death of the train driver", "a guard who sustained
    injuries". Counts without a number are common in the news for single victims."""
    lex = lexicon()
    found: list[_Found] = []
    seen: set[tuple[int, str]] = set()  # one person may be both hurt and later dead
    for token in doc:
        measure = _single_trigger(token)
        if measure is None:
            continue
        for candidate in _victims_of(token):
            victim = _resolve_relative(candidate)
            if victim is None or (victim.i, measure) in seen or victim.i in taken:
                continue
            if not _is_single_person(victim, lex):
                continue
            seen.add((victim.i, measure))
            subject = _person_subject(doc, victim)
            found.append(
                _Found(
                    victim.i,
                    victim.i + 1,
                    _ONE,
                    victim,
                    subject,
                    measure,
                    token,
                    _evidence(doc, victim, token),
                )
            )
    return found


def _single_trigger(token: Token) -> Measure | None:
    lex = lexicon()
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB":
        measure = lex.verbs.get(lemma)
        if measure is None:
            measure = _verb_key_measures(token)[0]
    elif token.pos_ == "ADJ" and token.dep_ in ("acomp", "oprd"):
        measure = lex.adjectives.get(token.lower_)
    elif token.pos_ == "NOUN":
        measure = lex.head_nouns.get(lemma)
    else:
        return None
    if measure not in lex.single_measures:
        return None
    if any(c.dep_ == "neg" for c in token.children) or any(
        c.dep_ == "neg" for c in token.head.children if token.dep_ in ("acomp", "oprd")
    ):
        return None  # "was not hurt"
    if _unreal(token):
        return None
    return measure


def _unreal(token: Token) -> bool:
    """ "was almost killed", "a plot to kill the journalist", "tried to kill him": an
    intended or narrowly missed harm is no count of one victim."""
    lex = lexicon()
    if any(c.lower_ in lex.single_blockers for c in token.children if c.dep_ == "advmod"):
        return True
    infinitive = any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children)
    governor = token.head
    return infinitive or (
        token.dep_ in ("xcomp", "acl", "pobj", "pcomp")
        and governor.lemma_.lower() in lex.single_blockers
    )


def _victims_of(trigger: Token) -> list[Token]:
    """Who the trigger says was killed or hurt (never the agent of an active verb)."""
    lex = lexicon()
    victims: list[Token] = []
    if trigger.pos_ == "VERB":
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in trigger.children)
        intransitive = trigger.lemma_.lower() in lex.intransitive_verbs
        wanted = {"nsubjpass"} | ({"dobj"} if not passive else set())
        wanted |= {"nsubj"} if intransitive else set()  # "the driver died"
        victims += [c for c in trigger.children if c.dep_ in wanted]
        if trigger.dep_ == "acl" and trigger.tag_ == "VBN":
            victims.append(trigger.head)  # "a soldier killed in the attack"
    elif trigger.pos_ == "ADJ":
        victims += [c for c in trigger.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    else:
        for prep in trigger.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                victims += [p for p in prep.children if p.dep_ == "pobj"]
        verb = trigger.head
        if trigger.dep_ == "dobj" and verb.lemma_.lower() in lex.suffer_verbs:
            victims += [c for c in verb.children if c.dep_ == "nsubj"]  # "sustained injuries"
    return victims


def _resolve_relative(victim: Token) -> Token | None:
    """ "the driver who was hurt": the relative pronoun stands for the noun it follows."""
    if victim.lower_ in ("who", "that"):
        clause = victim.head
        return clause.head if clause.dep_ == "relcl" else None
    return victim


def _is_single_person(victim: Token, lex: _Lexicon) -> bool:
    if victim.tag_ not in ("NN", "NNP", "CD"):
        return False  # plurals without a number are not counts; pronouns are left out
    if any(c.dep_ == "nummod" or c.lower_ in lex.negators_before for c in victim.children):
        return False
    if victim.lower_ == "one":
        # "one of the group's leaders is dead"
        return any(
            c.lower_ == "of" and any(p.lemma_.lower() in lex.person_nouns for p in c.children)
            for c in victim.children
        )
    if victim.ent_type_ == "PERSON":
        return True
    lemma = victim.lemma_.lower()
    if lemma in lex.collective_nouns or lemma not in lex.person_nouns:
        return False
    return any(c.dep_ in ("det", "poss") for c in victim.children) or any(
        c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in victim.children
    )


def _person_subject(doc: Doc, victim: Token) -> Span:
    if victim.ent_type_ == "PERSON":
        start = victim.i
        while start > 0 and doc[start - 1].ent_type_ == "PERSON" and doc[start].ent_iob_ == "I":
            start -= 1
        return doc[start : victim.i + 1]
    if victim.lower_ == "one":
        for prep in victim.children:
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    return _subject(doc, pobj, 0)
    return _subject(doc, victim, 0)


def _attribution(doc: Doc, item: _Found, sent: Span) -> Claim | None:
    """The claim a figure is reported in, or None when the outlet states it itself.

    In order: the innermost claim covering the figure (never one whose speaker is the
    figure itself, nor the outlet); the claim of the source that is the subject of a
    verb such as "raised the toll to" or "put the toll at"; the claim of the sentence
    before, when the figure's sentence has no attribution of its own and goes on with
    that report ("Officials said 20 were killed. Most of the dead were soldiers.").
    """
    lex = lexicon()
    all_claims = extensions.claims(doc)
    start, end = item.figure_span
    covering = [
        c
        for c in all_claims
        if c.span[0] <= start
        and end <= c.span[1]
        and not (c.speaker_span is not None and _overlap(c.speaker_span, (start, end)))
        and not _negated_cue(doc, c)
        and not _asks(doc, c, lex)
    ]
    if covering:
        claim = min(covering, key=lambda c: c.span[1] - c.span[0])
        return None if _is_outlet(claim, lex) else claim
    # a "claim" whose speaker is the figure ("150 people ... were said to") is no source
    in_sentence = [
        c
        for c in all_claims
        if _overlap(c.span, (sent.start_char, sent.end_char))
        and not (c.speaker_span is not None and _overlap(c.speaker_span, (start, end)))
    ]
    subject = _source_subject(doc, item, sent)
    if subject is not None:
        return _claim_of(doc, subject, all_claims, lex)
    if in_sentence or sent.start == 0:
        return None
    previous = extensions.sentence_of(doc, sent.start - 1)
    if previous.start >= sent.start:
        return None
    before = [
        c
        for c in all_claims
        if previous.start_char <= c.span[0]
        and c.span[1] >= previous.end_char - 2
        and c.span[1] <= sent.start_char
    ]
    if not before or not _continues_report(doc, sent, item, lex):
        return None
    claim = max(before, key=lambda c: c.span[1])
    return None if _is_outlet(claim, lex) else claim


def _negated_cue(doc: Doc, claim: Claim) -> bool:
    """ "Hayat did not confirm the death of the driver", "denying it would return any of the
    48 it held": who does not confirm, or denies, a count is not its source."""
    if claim.cue_span is None:
        return False
    cue = doc.char_span(*claim.cue_span, alignment_mode="expand")
    if cue is None:
        return False
    denials = lexicon().denial_cues
    return any(t.lemma_.lower() in denials or any(c.dep_ == "neg" for c in t.children) for t in cue)


def _asks(doc: Doc, claim: Claim, lex: _Lexicon) -> bool:
    """ "China asked for the return of 45": a request states no count of its own (a quote
    introduced by "asked" still does)."""
    if claim.kind == "direct":
        return False
    if claim.cue_span is None:
        return claim.cue.lower() in lex.non_assertive_cues
    cue = doc.char_span(*claim.cue_span, alignment_mode="expand")
    return cue is not None and any(t.lemma_.lower() in lex.non_assertive_cues for t in cue)


def _name_key(name: str) -> str:
    words = name.lower().split()
    return " ".join(words[1:] if words and words[0] in ("the", "a", "an") else words)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _is_outlet(claim: Claim, lex: _Lexicon) -> bool:
    """ "VOA reported": the outlet reporting is the outlet stating it, not a source."""
    return " ".join(claim.speaker.lower().split()) in lex.outlet_speakers


def _continues_report(doc: Doc, sent: Span, item: _Found, lex: _Lexicon) -> bool:
    """Whether a sentence without attribution goes on with the report before it: a part
    of a figure given there ("Most of the dead were soldiers", "Another 15 were hurt").
    Other unattributed sentences after a report are the outlet's own narration."""
    if sent[0].lower_ in lex.continuation_openers and _opens_on_report(sent, lex):
        return True
    if _backshifted(doc, item, sent):
        return True
    # "12 of them were children", "among them 12 children" (not "the arrest of five")
    after = doc[item.end] if item.end < sent.end else None
    before = doc[max(sent.start, item.start - 2) : item.start]
    return item.subset and (
        (
            after is not None
            and after.lower_ == "of"
            and item.end + 1 < sent.end
            and doc[item.end + 1].lower_ in _PARTITIVE_HEADS
        )
        or any(t.lower_ in ("including", "among") for t in before)
    )


def _opens_on_report(sent: Span, lex: _Lexicon) -> bool:
    """ "Of the dead, ...", "Among them ...": an opening preposition continues a report
    only when its object is the people counted there ("Of that group" may be anything)."""
    first = sent[0]
    if first.lower_ not in ("of", "among"):
        return True
    for pobj in first.children:
        if pobj.dep_ != "pobj":
            continue
        word = pobj.lower_
        if word in _PRONOUNS or word in lex.adjectives or pobj.lemma_.lower() in lex.nouns_strong:
            return True
    return False


def _backshifted(doc: Doc, item: _Found, sent: Span) -> bool:
    """ "Officials said the toll had risen to 63. More than 150 people had sustained
    injuries.": a count in the past perfect right after a report goes on with the reported
    speech (the tense is shifted back as in the report), unlike the outlet's narration."""
    token: Token | None = item.measure_token or item.counted or doc[item.start]
    for _ in range(_MAX_WALK):
        if token is None or not sent.start <= token.i < sent.end:
            return False
        if token.pos_ in ("VERB", "AUX") and token.dep_ != "aux":
            break
        token = token.head if token.head is not token else None
    else:
        return False
    if token is None or token.dep_ not in ("ROOT", "conj"):
        return False
    if token.lower_ == "had" and token.i + 1 < len(doc) and doc[token.i + 1].tag_ == "VBN":
        return True  # "had sustained injuries" parsed as possession
    return any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in token.children)


def _source_subject(doc: Doc, item: _Found, sent: Span) -> Token | None:
    """The source that is the subject of the verb giving the figure: "police raised the
    toll to 40", "the ministry put the number of dead at 12"."""
    lex = lexicon()
    token: Token | None = item.measure_token or item.counted or doc[item.start]
    for _ in range(_MAX_WALK):
        if token is None or not sent.start <= token.i < sent.end:
            return None
        if token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in lex.source_verbs:
            if any(c.dep_ == "neg" for c in token.children):
                return None  # "Hayat did not confirm the death of the driver"
            break
        if token.head is token:
            return None
        token = token.head
    else:
        return None
    if token is None:
        return None
    subjects = [c for c in token.children if c.dep_ == "nsubj"]
    if not subjects:
        return None
    subject = subjects[0]
    if subject.ent_type_ in lex.source_entity_labels or subject.lemma_.lower() in lex.source_nouns:
        return subject
    return None


def _claim_of(doc: Doc, subject: Token, claims: list[Claim], lex: _Lexicon) -> Claim | None:
    """The claim nearest the subject whose speaker is that source: the same entity, or a
    speaker named by the same words ("Kabul police raised the toll ... Kabul police said")."""
    entity = extensions.entity_at(doc, subject.idx, subject.idx + len(subject.text))
    subject_text = doc[subject.left_edge.i : subject.right_edge.i + 1].text
    matches: list[Claim] = []
    for claim in claims:
        if _is_outlet(claim, lex):
            continue
        if entity is not None and claim.speaker_entity == entity.id:
            matches.append(claim)
            continue
        if _name_key(claim.speaker) == _name_key(subject_text):
            matches.append(claim)
    if not matches:
        return None
    return min(matches, key=lambda c: abs(c.span[0] - subject.idx))


class FiguresComponent:
    """spaCy component: writes ``doc._.figures``."""

    def __init__(self, nlp: Language, name: str, merge_repeats: bool):
        self.name = name
        self.merge_repeats = merge_repeats
        self.time_finder = TimeFinder(nlp.vocab)

    def _times(self, doc: Doc) -> list[Time]:
        if doc._.times is not None:
            return extensions.times(doc)
        published: date | None = parse_published(doc._.published)
        return self.time_finder.find(doc, published)

    def find(self, doc: Doc) -> list[_Found]:
        lex = lexicon()
        times = self._times(doc)
        time_spans = [t.span for t in times]
        found: list[_Found] = []
        for start, end, quantity in quantity_phrases(doc):
            if _is_excluded(doc, start, end, quantity, time_spans):
                continue
            root = _phrase_root(doc, start, end)
            counted = _counted_noun(doc, start, end, root)
            sent = extensions.sentence_of(doc, start)
            anchor = counted if counted is not None else root
            measure, measure_token = _measure_from_parse(anchor, sent.start)
            if measure is None and counted is not None:
                measure, measure_token = _measure_from_parse(root, sent.start)
            if measure is None:
                measure, measure_token = _harmed_for(doc, start)
            if measure is None:
                measure, measure_token = _measure_from_window(doc, end, sent.end)
            if _hypothetical(measure_token):
                continue  # "these five will be sent back": not a count of what happened
            if _pronoun_one(doc, start, end, counted, measure_token):
                continue  # "the one allied with IS", "cannot find one to represent them"
            subset = _is_subset(root, counted)
            if measure is None:
                whole = _whole_named_beside(anchor)
                if whole is not None:
                    measure, measure_token = whole
                    subset = True
            if measure is None and subset:
                previous = next(
                    (
                        f
                        for f in reversed(found)
                        if f.start >= sent.start and f.measure not in (None, "other")
                    ),
                    None,
                )
                if previous is not None:
                    measure, measure_token = previous.measure, None
            counted_lemma = counted.lemma_.lower() if counted is not None else ""
            is_person = counted is not None and (
                counted_lemma in lex.person_nouns
                or counted.lower_ in lex.person_nouns
                or counted.ent_type_ == "NORP"
                or _plural_name_of_people(counted)
            )
            if (
                counted is not None
                and not is_person
                and counted_lemma not in lex.nouns_strong
                and not quantity.percent
            ):
                continue  # counts of things: rockets, homes, trucks
            if quantity.percent:
                # a share is "other" whatever it is a share of (gold convention), and is
                # kept when it is a share of people or of a count of harm
                if measure is None and not _share_of_people(counted, is_person):
                    continue
                measure = "other"
            if measure is None and counted is not None and counted_lemma in lex.nouns_weak:
                measure = lex.nouns_weak[counted_lemma]
            if measure is None:
                if not is_person or quantity.value < lex.min_value_other:
                    continue
                if (
                    counted is not None
                    and counted.dep_ == "nsubj"
                    and counted.head.lemma_.lower() in lex.reporting_verbs
                ):
                    continue  # "three officials said": sources, not a count of anything
                measure = "other"
            subject = _subject(doc, counted, end) if counted is not None else None
            tokens = [start, end - 1]
            if subject is not None:
                tokens += [subject.start, subject.end - 1]
            if (
                measure_token is not None
                and abs(measure_token.i - start) <= 8
                and sent.start <= measure_token.i < sent.end
            ):
                between = doc[min(measure_token.i, start) + 1 : max(measure_token.i, end - 1)]
                if not any(t.like_num for t in between if not start <= t.i < end):
                    # the evidence reads "killed 40 people", "death toll rose to 34"
                    lefts = [c.i for c in measure_token.lefts if c.dep_ == "compound"]
                    tokens += [measure_token.i, *lefts]
            lo, hi = min(tokens), max(tokens)
            if hi - lo > 10:
                lo, hi = start, end - 1
            found.append(
                _Found(
                    start,
                    end,
                    quantity,
                    counted,
                    subject,
                    measure,
                    measure_token,
                    (doc[lo].idx, doc[hi].idx + len(doc[hi])),
                    subset,
                )
            )
        counted_tokens = {f.counted.i for f in found if f.counted is not None}
        counted_tokens |= {i for f in found for i in range(f.start, f.end)}
        extra = [*_zero_counts(doc, counted_tokens), *_single_victims(doc, counted_tokens)]
        return sorted([*found, *extra], key=lambda f: f.start)

    def __call__(self, doc: Doc) -> Doc:
        lex = lexicon()
        times = self._times(doc)
        places = [(p.id, (m[0], m[1])) for p in extensions.places(doc) for m in p.mentions]
        time_items = [(t.id, t.span) for t in times] if doc._.times is not None else []
        figures: list[Figure] = []
        subsets: dict[int, bool] = {}  # id(figure) -> whether it is part of another
        acts: dict[int, str] = {}  # id(figure) -> the verb that names an "other" measure
        for item in self.find(doc):
            q = item.quantity
            sent = extensions.sentence_of(doc, item.start)
            span = item.figure_span
            subject_text = item.subject.text if item.subject is not None else ""
            subject_entity = None
            if item.subject is not None:
                entity = extensions.entity_at(doc, item.subject.start_char, item.subject.end_char)
                subject_entity = entity.id if entity else None
            claim = _attribution(doc, item, sent)
            figure = Figure(
                id="",
                value=q.value,
                low=q.low,
                high=q.high,
                approx=q.approx,
                unit="percent" if q.percent else "people",
                measure=item.measure or "other",
                subject=subject_text,
                subject_entity=subject_entity,
                place=_nearest(places, sent.start_char, sent.end_char, span),
                time=_nearest(time_items, sent.start_char, sent.end_char, span),
                claim=claim.id if claim else None,
                span=span,
                spans=[span],
            )
            # a part ("including five militants") is never the same fact as a whole, but
            # "the five" names a group given before, part or not ("includes the five")
            definite = item.start > 0 and doc[item.start - 1].lower_ in _DEFINITE
            candidates = [f for f in figures if definite or subsets[id(f)] == item.subset]
            act = _act_lemma(item)
            same = (
                self._same_fact(
                    candidates,
                    figure,
                    lex.generic_subjects,
                    {id(f) for f in candidates if act and acts.get(id(f)) == act},
                )
                if self.merge_repeats
                else None
            )
            if same is None:
                figures.append(figure)
                subsets[id(figure)] = item.subset
                if act:
                    acts[id(figure)] = act
            else:
                same.spans.append(span)
                # the first mention decides who states the fact (an unattributed lede is
                # the outlet's), unless a later one names the source the first left vague
                same.claim = _better_claim(doc, same.claim, figure.claim)
                for field in ("place", "time", "subject_entity"):
                    if getattr(same, field) is None and getattr(figure, field) is not None:
                        setattr(same, field, getattr(figure, field))
                if (
                    same.subject.lower() in lex.generic_subjects
                    and figure.subject.lower() not in lex.generic_subjects
                ):
                    same.subject = figure.subject
        for i, figure in enumerate(figures, start=1):
            figure.id = f"f{i}"
        doc._.figures = figures
        return doc

    @staticmethod
    def _same_fact(
        figures: list[Figure],
        new: Figure,
        generic: frozenset[str],
        same_act: set[int],
    ) -> Figure | None:
        for old in figures:
            if (old.measure, old.unit, old.value) != (new.measure, new.unit, new.value):
                continue
            if not _bounds_compatible(old, new):
                continue  # "more than 20" and "nearly 20" are two statements
            if new.measure == "other" and id(old) not in same_act:
                # without a measure two equal numbers are not known to be one fact; "deported
                # 40 others" and "after the 40 were deported" are
                continue
            a, b = _subject_key(old.subject), _subject_key(new.subject)
            if (
                a in generic
                or b in generic
                or a == b
                or (old.subject_entity and old.subject_entity == new.subject_entity)
            ):
                return old
        return None


def _act_lemma(item: _Found) -> str | None:
    """The verb an "other" count was read from ("deport"), if it was read from a verb."""
    token = item.measure_token
    if item.measure != "other" or token is None or token.pos_ != "VERB":
        return None
    return token.lemma_.lower()


def _better_claim(doc: Doc, first: str | None, later: str | None) -> str | None:
    """ "according to witnesses and a lawmaker" ... "Jesow said": a later report of the same
    fact by a named source replaces a first one whose speaker names no one."""
    if first is None or later is None or first == later:
        return first
    claims = {c.id: c for c in extensions.claims(doc)}
    old, new = claims.get(first), claims.get(later)
    if old is None or new is None:
        return first
    if _vague_speaker(doc, old) and _named_speaker(doc, new):
        return later
    return first


def _vague_speaker(doc: Doc, claim: Claim) -> bool:
    """A speaker named by common nouns only: "witnesses", "local officials"."""
    if claim.speaker_span is None:
        return claim.speaker_entity is None
    words = doc.char_span(*claim.speaker_span, alignment_mode="expand")
    return words is not None and not any(t.pos_ == "PROPN" for t in words)


def _named_speaker(doc: Doc, claim: Claim) -> bool:
    entity = next((e for e in extensions.entities(doc) if e.id == claim.speaker_entity), None)
    return entity is not None and entity.kind == "person"


def _bounds_compatible(a: Figure, b: Figure) -> bool:
    """Same bounds, or one of the two is a plain number that the other qualifies."""
    if (a.low, a.high) == (b.low, b.high):
        return True
    return any(f.low is None and f.high is None and not f.approx for f in (a, b))


def _subject_key(subject: str) -> str:
    words = subject.lower().split()
    return (
        words[-1].rstrip("s")
        if words and words[-1] not in ("people", "others")
        else (words[-1] if words else "")
    )


@Language.factory(
    "totor_figures",
    requires=["token.dep", "token.lemma", "doc.ents", "doc.sents"],
    assigns=["doc._.figures"],
    default_config={"merge_repeats": True},
)
def make_figures(nlp: Language, name: str, merge_repeats: bool) -> FiguresComponent:
    extensions.register_extensions()
    return FiguresComponent(nlp, name, merge_repeats)
