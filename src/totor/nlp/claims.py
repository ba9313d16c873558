"""``totor_claims``: who says what. Direct quotes, indirect speech and "according to".

A claim has a speaker (resolved to an entity when one is named, and through pronouns to
the last compatible actor), a cue ("said", "according to") and a content span. Later
components tie events, figures and labels to the claim whose span covers them.
Cue words live in ``data/reporting.json``.

Besides verbs of saying, a cue may be a verb of stance with its object ("criticized the
law as a crazy system"), a verb with a preposition ("called for a repeal"), a passive with
its agent ("was first reported by The Post"), a noun with its owner ("his decision to
run"), a quotation signed after a dash, a line or headline opened by a name and a colon
("Poll: ..."), or a title-case headline verb ("Obama Sees ...").

Spans follow the conventions of attribution corpora (PARC, PolNeAR): the speaker span is
the whole noun phrase that names the source, appositions included ("Brian Fallon, the
campaign's press secretary"); the cue span takes its auxiliaries, negation and adverbs
("has also said"); the content keeps its complementiser ("that the talks failed") and,
when the attribution interrupts it ("The talks, he said, failed"), runs across it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from totor.model import Claim, Entity
from totor.nlp import extensions as ext
from totor.nlp.lexicon import load_json

# a quotation within one paragraph: curly marks pair “ with ”, straight ones pair with
# each other or with a curly one (wire copy mixes them), and some papers (the New York
# Times archive) write '' for both
_QUOTE = re.compile(r"“([^“”\n]{3,}?)”|[“\"]([^\"“”\n]{3,}?)[”\"]|''((?:(?!'')[^\"“”\n]){3,}?)''")
# a line that opens with a short name and a colon: "PENCE: Well, look ..." (transcripts)
# or "Pence: Flowers won't be at debate" (headlines)
_LABELLED_LINE = re.compile(
    r"^[^\S\n]*[\"“]?([A-Z][\w.'’-]*(?:[^\S\n]+[A-Z][\w.'’-]*){0,3})[^\S\n]*:[^\S\n]+(\S[^\n]*)",
    re.M,
)
# a quotation signed with a dash after it: “We will not give up.” ― Jane Doe, organiser
_SIGNED_QUOTE = re.compile(
    r"^[^\S\n]*[\"“”]([^\"“”\n]{3,}?)[\"“”][^\S\n]*[―—–][^\S\n]*"
    r"([A-Z](?:[^\n,.;]|(?<=\b[A-Z])\.){1,60})",
    re.M,
)
_SPEAKER_DEPS = ("nsubj",)
_COMPLEMENT_DEPS = ("ccomp",)
# words that may stand between the speaker and the cue and belong to the cue
_CUE_PREFIX_DEPS = ("aux", "auxpass", "neg", "advmod")
# what may follow the cue and still belong to the attribution ("said on Friday in a
# statement", "told reporters"), as opposed to what was said
_ATTRIBUTION_DEPS = ("prep", "npadvmod", "advmod", "dative", "agent", "prt", "punct", "cc")
# how far back (characters) a named speaker is still who "he said" refers to
_PRONOUN_REACH = 1500
# how far after a role ("The head of MSF told ...") a titled person signing the next
# quotation is still who holds the role
_ROLE_HOLDER_REACH = 400
_PLACE_KINDS = frozenset({"country", "people"})
_NOT_PERSON = frozenset({"ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "EVENT"})
# "you know", "you think": the reader addressed, not a source
_NOT_SPEAKERS = frozenset({"you"})
_RELATIVE = frozenset({"that", "which", "who"})
# a description that refers back: "the railway official", "this assessment"
_DEFINITE = frozenset({"the", "this", "that"})
# how far back (characters) a description may refer to the one it describes
_DESCRIPTION_REACH = 3000
# words of a participle clause that add more speech by the same speaker: ", adding ..."
_PARTICIPLE_DEPS = ("advcl", "xcomp", "conj")


@dataclass(frozen=True)
class ReportingLexicon:
    verbs: frozenset[str]
    denial: frozenset[str]
    roles: frozenset[str]
    object_content: frozenset[str] = frozenset()
    hearer_object: frozenset[str] = frozenset()
    characterising: dict[str, tuple[str, ...]] = field(default_factory=dict)
    line_labels_not_speakers: frozenset[str] = frozenset()
    nouns: frozenset[str] = frozenset()
    attitude: frozenset[str] = frozenset()
    exhorting: dict[str, tuple[str, ...]] = field(default_factory=dict)
    cue_forms: dict[str, str] = field(default_factory=dict)
    toll_verbs: frozenset[str] = frozenset()
    toll_nouns: frozenset[str] = frozenset()
    toll_prepositions: frozenset[str] = frozenset()
    source_nouns: frozenset[str] = frozenset()
    quote_verbs: frozenset[str] = frozenset()
    prepositional: dict[str, tuple[str, ...]] = field(default_factory=dict)
    object_prepositions: frozenset[str] = frozenset()
    cognitive: frozenset[str] = frozenset()
    person_only: frozenset[str] = frozenset()
    noun_prepositions: frozenset[str] = frozenset()
    person_nouns: frozenset[str] = frozenset()
    passive_speaking: frozenset[str] = frozenset()
    document_nouns: frozenset[str] = frozenset()
    sole_titles: frozenset[str] = frozenset()
    concessive_prepositions: frozenset[str] = frozenset()
    report_nouns: frozenset[str] = frozenset()
    feminine_words: frozenset[str] = frozenset()
    masculine_words: frozenset[str] = frozenset()
    vague_modifiers: frozenset[str] = frozenset()
    group_nouns: frozenset[str] = frozenset()
    counting_words: dict[str, int] = field(default_factory=dict)


@cache
def reporting_lexicon() -> ReportingLexicon:
    data = load_json("reporting.json")
    return ReportingLexicon(
        verbs=frozenset(data["verbs"]),
        denial=frozenset(data["denial"]),
        roles=frozenset(data["roles"]),
        object_content=frozenset(data.get("object_content", ())),
        hearer_object=frozenset(data.get("hearer_object", ())),
        characterising={
            verb: tuple(preps) for verb, preps in data.get("characterising", {}).items()
        },
        line_labels_not_speakers=frozenset(data.get("line_labels_not_speakers", ())),
        nouns=frozenset(data.get("nouns", ())),
        attitude=frozenset(data.get("attitude", ())),
        exhorting={verb: tuple(preps) for verb, preps in data.get("exhorting", {}).items()},
        cue_forms=dict(data.get("cue_forms", {})),
        toll_verbs=frozenset(data.get("toll_verbs", ())),
        toll_nouns=frozenset(data.get("toll_nouns", ())),
        toll_prepositions=frozenset(data.get("toll_prepositions", ())),
        source_nouns=frozenset(data.get("source_nouns", ())),
        quote_verbs=frozenset(data.get("quote_verbs", ())),
        prepositional={verb: tuple(preps) for verb, preps in data.get("prepositional", {}).items()},
        object_prepositions=frozenset(data.get("object_prepositions", ())),
        cognitive=frozenset(data.get("cognitive", ())),
        person_only=frozenset(data.get("person_only", ())),
        noun_prepositions=frozenset(data.get("noun_prepositions", ())),
        person_nouns=frozenset(data.get("person_nouns", ())),
        passive_speaking=frozenset(data.get("passive_speaking", ())),
        document_nouns=frozenset(data.get("document_nouns", ())),
        sole_titles=frozenset(data.get("sole_titles", ())),
        concessive_prepositions=frozenset(data.get("concessive_prepositions", ())),
        report_nouns=frozenset(data.get("report_nouns", ())),
        feminine_words=frozenset(data.get("feminine_words", ())),
        masculine_words=frozenset(data.get("masculine_words", ())),
        vague_modifiers=frozenset(data.get("vague_modifiers", ())),
        group_nouns=frozenset(data.get("group_nouns", ())),
        counting_words={k: int(v) for k, v in data.get("counting_words", {}).items()},
    )


@dataclass
class _Draft:
    """A claim before ids are given and duplicates removed."""

    speaker: Span  # the name the claim is credited to ("Brian Fallon")
    cue: Span  # the cue word itself ("said")
    content: tuple[int, int]  # characters
    kind: str
    reach: int = 0  # last character the attribution still covers (a trailing clause)
    speaker_phrase: tuple[int, int] | None = None  # the whole noun phrase, characters
    cue_phrase: tuple[int, int] | None = None  # the cue with auxiliaries, characters
    # whether "he said" later on may refer to this speaker: a wish or plan told in the
    # narrative ("the administration wants to ...") is no sign of who speaks next
    antecedent: bool = True


@dataclass(frozen=True)
class _Person:
    """A speaker named as a person, for roles that stand for them elsewhere."""

    at: int  # first character of the speaker
    name: str
    organisations: frozenset[str]  # entity ids or words of the organisations named
    titled: bool  # the phrase gives a title or role ("Secretary General", "director")
    direct: bool  # the claim is a quotation


class ClaimFinder:
    def __init__(self, name: str = "totor_claims", resolve_pronouns: bool = True) -> None:
        self.name = name
        self.resolve_pronouns = resolve_pronouns
        self.lexicon = reporting_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        text = ext.doc_text(doc)
        quotes = [_quoted(m) for m in _QUOTE.finditer(text)]
        drafts: list[_Draft] = []
        for sent in doc.sents:
            drafts.extend(self._according_to(sent))
            drafts.extend(self._unconfirmed_reports(sent))
            found = self._reported_speech(sent, quotes)
            drafts.extend(found)
            drafts.extend(self._inserted_attributions(sent, quotes, found))
            drafts.extend(self._nominal_claims(sent, quotes))
        drafts.extend(self._signed_quotes(doc))
        drafts.extend(self._headline(doc, drafts))
        drafts.extend(self._labelled_lines(doc, drafts))
        drafts.extend(self._quotes_without_complement(doc, quotes, drafts))
        doc._.claims = self._assemble(doc, self._without_nested_attitudes(drafts))
        return doc

    # -- finding -----------------------------------------------------------------------

    def _reported_speech(self, sent: Span, quotes: list[tuple[int, int]]) -> list[_Draft]:
        drafts = []
        text = ext.doc_text(sent.doc)
        for token in sent:
            if token.pos_ != "VERB" and token.pos_ != "AUX":
                continue
            if _inside(token.idx, quotes):
                continue  # a verb inside a quotation is part of what was said
            if any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
                continue  # "wants to say", "to ask": speech planned, not made
            exhortation = self._exhortation(token)
            if exhortation is not None:
                drafts.append(exhortation)
                continue
            toll = self._toll(token, text)
            if toll is not None:
                drafts.append(toll)
                continue
            prepositional = self._prepositional(token, quotes)
            if prepositional is not None:
                drafts.append(prepositional)
                continue
            if not self._is_cue(token):
                if self._is_attitude(token):
                    drafts.extend(self._attitude(token, text))
                continue
            passive = self._passive(token, quotes)
            if passive is not None:
                drafts.append(passive)
                continue
            if self._agentless_passive(token):
                continue  # "doctors were said to be struggling": no one is named as saying it
            parsed = self._subject(token)
            subject = _outside_quotes(token, parsed, quotes)
            if subject is None or subject.lower_ in _NOT_SPEAKERS:
                continue
            if _as_between(subject, token):
                continue  # "Hawaii, as the advisers noted, ...": an inserted attribution
            if subject.pos_ not in ("NOUN", "PROPN", "PRON", "NUM", "X"):
                continue  # a parse that took a stray word for the speaker
            if self._lemma(token) in self.lexicon.person_only and not self._is_person(subject):
                continue  # "rebels attacked the village" is fighting, not speech
            joined = _subject_of_joined_clause(token, subject)
            if joined is not None:
                # "X called it ..., but also said the centre would open": the parser took
                # the subject of what was said for the speaker of the second verb
                words = _words(token.doc[subject.left_edge.i : sent.end])
                said = (words[0].idx, words[-1].idx + len(words[-1].text))
                drafts.append(
                    _Draft(
                        _speaker_name(joined),
                        token.doc[token.i : token.i + 1],
                        _trim_chars(text, *said),
                        "direct" if _overlaps_quote(said, quotes) else "indirect",
                        speaker_phrase=_speaker_phrase(joined, token),
                        cue_phrase=_cue_phrase(token),
                    )
                )
                continue
            content = self._content(token, subject, sent)
            if content is None or _across_paragraphs(text, token, content):
                continue
            kind = "direct" if _overlaps_quote(content, quotes) else "indirect"
            if kind == "direct":
                content = _widen_to_quotes(content, quotes)
            # "Tanks entered Rafah, the army said, killing 20": the trailing clause is
            # part of what the army says
            reach = max(
                (
                    c.right_edge.idx + len(c.right_edge.text)
                    for c in token.rights
                    if c.dep_ in ("advcl", "conj", "xcomp") and content[1] <= token.idx
                ),
                default=0,
            )
            drafts.append(
                _Draft(
                    _speaker_name(subject),
                    token.doc[token.i : token.i + 1],
                    _trim_chars(text, *content),
                    kind,
                    reach,
                    speaker_phrase=_quoted_speaker_phrase(token, parsed, quotes)
                    or _speaker_phrase(_antecedent_of_that(subject), token),
                    cue_phrase=_cue_phrase(token),
                )
            )
        return drafts

    def _inserted_attributions(
        self, sent: Span, quotes: list[tuple[int, int]], found: list[_Draft]
    ) -> list[_Draft]:
        """An attribution set into the sentence it reports, which the parser often
        breaks: "Hawaii, as one of the advisers pointed out, rarely gets hurricanes",
        "To see it, Chief Justice Roberts said, one should visit". The speaker is the
        noun phrase between the comma (or "as") and the cue; the content, the rest of
        the sentence."""
        doc = sent.doc
        taken = {d.cue.start for d in found}
        drafts = []
        for verb in sent:
            if verb.i in taken or not self._is_cue(verb) or _inside(verb.idx, quotes):
                continue
            last = verb.i + 1 if verb.i + 1 < sent.end and doc[verb.i + 1].dep_ == "prt" else verb.i
            if last + 1 >= sent.end or doc[last + 1].text not in (",", "—", "–"):
                continue
            complemented = any(c.dep_ in ("ccomp", "dobj") and c.i > verb.i for c in verb.children)
            end = verb.i
            while end - 1 > sent.start and doc[end - 1].dep_ in _CUE_PREFIX_DEPS:
                end -= 1
            start = end
            while start - 1 > sent.start and doc[start - 1].text not in (",", "—", "–"):
                if doc[start - 1].lower_ == "as" or doc[start - 1].pos_ in ("VERB", "AUX"):
                    break
                start -= 1
            bound = doc[start - 1]
            if (
                start == end
                or end - start > 12
                or not (
                    bound.lower_ == "as" or (bound.text in (",", "—", "–") and not complemented)
                )
            ):
                continue
            speaker = doc[start:end]
            if not any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in speaker):
                continue
            opening = bound.i - 1 if bound.lower_ == "as" else bound.i
            before = _words(doc[sent.start : opening])
            after = _words(doc[last + 2 : sent.end])
            words = before + after
            if len(words) < 3 or (before and doc[opening].text not in (",", "—", "–")):
                continue
            drafts.append(
                _Draft(
                    _name_of_span(speaker),
                    doc[verb.i : verb.i + 1],
                    (words[0].idx, words[-1].idx + len(words[-1].text)),
                    "indirect",
                    speaker_phrase=(speaker.start_char, speaker.end_char),
                    cue_phrase=(_cue_phrase(verb)[0], doc[last].idx + len(doc[last].text)),
                )
            )
        return drafts

    def _toll(self, verb: Token, text: str) -> _Draft | None:
        """“Officials raised the death toll to 60”, “the ministry put the toll at 40”: a
        source giving or changing a count attributes that count; the content is the count
        with the value it is given, so the figure inside falls under the claim."""
        if self._lemma(verb) not in self.lexicon.toll_verbs:
            return None
        count = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
        if count is None or count.lemma_.lower() not in self.lexicon.toll_nouns:
            return None
        subject = self._subject(verb)
        if subject is None or not self._names_a_source(subject):
            return None
        last = count.right_edge
        for child in verb.rights:
            if child.i <= count.i:
                continue
            if child.dep_ == "oprd" or (
                child.dep_ == "prep" and child.lower_ in self.lexicon.toll_prepositions
            ):
                last = child.right_edge
        content = _trim_chars(text, count.left_edge.idx, last.idx + len(last.text))
        return _Draft(
            _speaker_name(subject),
            verb.doc[verb.i : verb.i + 1],
            content,
            "indirect",
            speaker_phrase=_speaker_phrase(subject, verb),
            cue_phrase=_cue_phrase(verb),
        )

    def _prepositional(self, verb: Token, quotes: list[tuple[int, int]]) -> _Draft | None:
        """“Trump has called for a repeal of the law”, “she pointed to reports that ...”:
        a verb whose preposition introduces what is said or held; the cue runs from the
        auxiliaries to the preposition, the content is what the preposition governs."""
        preps = self.lexicon.prepositional.get(self._lemma(verb))
        if not preps:
            return None
        doc = verb.doc
        # the preposition follows the verb, at most a particle or an adverb between
        prep = next((c for c in verb.rights if c.dep_ == "prep" and c.lower_ in preps), None)
        if prep is None or any(t.dep_ not in ("prt", "advmod") for t in doc[verb.i + 1 : prep.i]):
            return None
        target = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
        if target is None:
            return None
        subject = _outside_quotes(verb, self._subject(verb), quotes)
        if subject is None or subject.lower_ in _NOT_SPEAKERS:
            return None
        if subject.pos_ not in ("NOUN", "PROPN", "PRON", "NUM", "X"):
            return None
        if self._lemma(verb) in self.lexicon.person_only and not self._is_person(subject):
            return None  # "troops responded to the attack" is no speech
        start, end = _subtree_chars(target)
        content = _trim_chars(ext.doc_text(doc), start, end)
        kind = "direct" if _overlaps_quote(content, quotes) else "indirect"
        return _Draft(
            _speaker_name(subject),
            doc[verb.i : prep.i + 1],
            content,
            kind,
            speaker_phrase=_speaker_phrase(subject, verb),
            cue_phrase=(_cue_phrase(verb)[0], prep.idx + len(prep.text)),
        )

    def _passive(self, verb: Token, quotes: list[tuple[int, int]]) -> _Draft | None:
        """“The deal was first reported by The Times”, “His views were echoed by
        experts”: a cue in the passive names its source after "by"; what it reports is
        the subject."""
        said = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        agent = next((c for c in verb.rights if c.dep_ == "agent"), None)
        source = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
        if said is None or source is None or said.i > verb.i:
            return None
        if source.pos_ not in ("NOUN", "PROPN", "PRON") or _inside(source.idx, quotes):
            return None
        if self._lemma(verb) in self.lexicon.person_only and not self._is_person(source):
            return None
        doc = verb.doc
        content = _trim_chars(ext.doc_text(doc), *_subtree_chars(said))
        cue_start, cue_end = _cue_phrase(verb)
        if agent is not None and agent.i == verb.i + 1:
            cue_end = agent.idx + len(agent.text)
        name = _speaker_span(source)
        return _Draft(
            doc[min(name.start, source.left_edge.i) : name.end],
            doc[verb.i : verb.i + 1],
            content,
            "direct" if _overlaps_quote(content, quotes) else "indirect",
            # the whole phrase after "by", not only its last word
            speaker_phrase=(source.left_edge.idx, _speaker_phrase(source)[1]),
            cue_phrase=(cue_start, cue_end),
        )

    def _agentless_passive(self, verb: Token) -> bool:
        """“150 people were said to be hurt”, “the site is reported to be empty”: a cue in
        the passive with no "by" names no source; its subject is what is said, and a
        subject the parser borrows from a clause around it is no speaker either. “She was
        quoted as saying” still names the one speaking."""
        if not any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
            return False
        if any(c.dep_ == "agent" for c in verb.children):
            return False
        return self._lemma(verb) not in self.lexicon.passive_speaking

    def _is_person(self, subject: Token) -> bool:
        """Whether a subject names one person: a person's name, "he" or "she", or a
        role such as "the spokesman"."""
        if subject.lower_ in ("he", "she"):
            return True
        if subject.ent_type_ == "PERSON":
            return True
        entity = ext.entity_at(subject.doc, subject.idx, subject.idx + len(subject.text))
        if entity is not None:
            return entity.kind == "person"
        lemma = subject.lemma_.lower()
        return subject.tag_ == "NN" and (
            lemma in self.lexicon.roles or lemma in self.lexicon.person_nouns
        )

    def _names_a_source(self, subject: Token) -> bool:
        """Whether a subject can be a source of figures: a name, a pronoun standing for
        one, or a noun such as "police" or "officials" (not "the blast")."""
        if subject.lower_ in _NOT_SPEAKERS:
            return False
        if subject.pos_ in ("PROPN", "PRON") or subject.ent_type_ in ("PERSON", "ORG", "NORP"):
            return True
        if ext.entity_at(subject.doc, subject.idx, subject.idx + len(subject.text)) is not None:
            return True
        lemma = subject.lemma_.lower()
        return (
            lemma in self.lexicon.source_nouns
            or lemma in self.lexicon.roles
            or lemma in self.lexicon.document_nouns  # "estimates put the number at ..."
            or subject.lower_ in self.lexicon.source_nouns
        )

    def _attitude(self, verb: Token, text: str) -> list[_Draft]:
        """“Clinton wants to raise the minimum wage”, “he fears that the truce will
        collapse”: a wish, plan or belief held by the subject, counted only when the verb
        governs a clause or an infinitive. A bare object (“wants more money”) is a demand
        the events component reports; the passive (“is expected to win”) hides who holds
        the expectation."""
        if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
            return []
        complement = next(
            (
                c
                for c in verb.children
                if c.i > verb.i
                and (c.dep_ == "ccomp" or (c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")))
            ),
            None,
        )
        subject = self._subject(verb) if complement is not None else None
        if complement is None or subject is None or subject.lower_ in _NOT_SPEAKERS:
            return []
        if subject.pos_ not in ("NOUN", "PROPN", "PRON", "NUM", "X"):
            return []
        return [
            _Draft(
                _speaker_name(subject),
                verb.doc[verb.i : verb.i + 1],
                _trim_chars(text, *_subtree_chars(complement)),
                "indirect",
                speaker_phrase=_speaker_phrase(subject, verb),
                cue_phrase=_cue_phrase(verb),
                antecedent=False,
            )
        ]

    def _exhortation(self, verb: Token) -> _Draft | None:
        """“Schiff called on Obama to retaliate”: the cue is the verb with its
        preposition, the content the one exhorted and what they are to do."""
        preps = self.lexicon.exhorting.get(self._lemma(verb))
        if not preps:
            return None
        prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in preps), None)
        if prep is None or prep.i > verb.i + 2:
            return None
        hearer = next((c for c in prep.children if c.dep_ == "pobj"), None)
        action = next(
            (
                c
                for c in verb.children
                if c.dep_ in ("xcomp", "ccomp") and hearer is not None and c.i > hearer.i
            ),
            None,
        )
        if hearer is None or action is None:
            return None
        subject = self._subject(verb)
        if subject is None or subject.lower_ in _NOT_SPEAKERS:
            return None
        doc = verb.doc
        start = doc[hearer.left_edge.i].idx
        end = _subtree_chars(action)[1]
        cue_start = _cue_phrase(verb)[0]
        return _Draft(
            _speaker_name(subject),
            doc[verb.i : prep.i + 1],
            _trim_chars(ext.doc_text(doc), start, end),
            "indirect",
            speaker_phrase=_speaker_phrase(subject, verb),
            cue_phrase=(cue_start, prep.idx + len(prep.text)),
        )

    def _nominal_claims(self, sent: Span, quotes: list[tuple[int, int]]) -> list[_Draft]:
        """“the army's claim that it hit only military targets”, “his decision to run”,
        “Clinton's comments on the shooting”: a cue noun with an owner and what it
        holds -- a 'that' clause, an infinitive or a topic after "about", "on"."""
        drafts = []
        doc = sent.doc
        text = ext.doc_text(doc)
        for noun in sent:
            if noun.pos_ != "NOUN" or noun.lemma_.lower() not in self.lexicon.nouns:
                continue
            if _inside(noun.idx, quotes):
                continue
            owner = next((c for c in noun.children if c.dep_ == "poss"), None)
            if owner is None or owner.lower_ in _NOT_SPEAKERS:
                continue
            if owner.ent_type_ in ("DATE", "TIME"):
                continue  # "Tuesday's announcement" is dated, not owned
            held = self._held_by_noun(noun)
            if held is None:
                continue
            clause, prep = held
            content = _subtree_chars(clause)
            kind = "direct" if _overlaps_quote(content, quotes) else "indirect"
            # the owner without its "'s": "Mr. Obama's announcement" is Mr. Obama's
            owner_end = owner.right_edge
            if owner_end.dep_ == "case" and owner_end.i > owner.left_edge.i:
                owner_end = doc[owner_end.i - 1]
            start, end = owner.left_edge.idx, owner_end.idx + len(owner_end.text)
            # the cue takes the words that qualify the noun: "earlier claim", "own plan"
            first = noun.i
            while first - 1 > owner.right_edge.i and doc[first - 1].dep_ in ("amod", "advmod"):
                first -= 1
            last = prep if prep is not None else noun
            drafts.append(
                _Draft(
                    _speaker_span(owner),
                    doc[noun.i : noun.i + 1],
                    _trim_chars(text, *content),
                    kind,
                    speaker_phrase=(start, end),
                    cue_phrase=(doc[first].idx, last.idx + len(last.text)),
                )
            )
        return drafts

    def _held_by_noun(self, noun: Token) -> tuple[Token, Token | None] | None:
        """What a cue noun holds, and the preposition that introduces it if any."""
        for child in noun.rights:
            if child.dep_ in ("acl", "ccomp", "appos") and (
                (child.left_edge.lower_ == "that" and child.left_edge.dep_ == "mark")
                or any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
            ):
                return child, None
            if (
                child.dep_ == "prep"
                and child.lower_ in self.lexicon.noun_prepositions
                and child.i == noun.i + 1
            ):
                target = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
                if target is not None:
                    return target, child
        return None

    def _subject(self, verb: Token) -> Token | None:
        """Who speaks: the verb's subject, or for "..., adding that ..." and "... and
        said ..." the subject of the clause the verb hangs from."""
        if verb.tag_ == "VBG" and verb.dep_ in _PARTICIPLE_DEPS:
            # "X said the border would reopen, adding that ...": the participle may hang
            # from the reported clause, but the one adding is who was reporting
            for ancestor in verb.ancestors:
                if self._is_cue(ancestor):
                    subject = next((c for c in ancestor.children if c.dep_ in _SPEAKER_DEPS), None)
                    if subject is not None and subject.lower_ not in _RELATIVE:
                        return subject
        current = verb
        for _ in range(4):
            subject = next((c for c in current.children if c.dep_ in _SPEAKER_DEPS), None)
            if subject is not None:
                return subject
            if current.dep_ == "pcomp" and current.tag_ == "VBG" and current.head.dep_ == "prep":
                # "responded by saying ...", "After saying ..., she left", "aside from
                # saying ...": the one saying is the subject of the clause around it
                current = current.head.head
                while current.dep_ in ("advmod", "pobj", "prep") and current.head.i != current.i:
                    current = current.head
                continue
            if current.dep_ == "ROOT":
                return _subject_left_of(current)
            if current.dep_ not in _PARTICIPLE_DEPS or current.head.i == current.i:
                return None
            if current.dep_ == "advcl" and current.tag_ != "VBG":
                return None  # "because ..., when ..." clauses have their own subject
            current = current.head
        return None

    def _content(self, verb: Token, subject: Token, sent: Span) -> tuple[int, int] | None:
        """Characters of what the verb reports, or None when it reports nothing."""
        lemma = self._lemma(verb)
        # a clause after the cue is what it reports; one before it may be the story the
        # sentence opens with ("The news set off a row: Republicans said ...")
        complements = sorted(
            (c for c in verb.children if c.dep_ in _COMPLEMENT_DEPS), key=lambda c: c.i < verb.i
        )
        complement = complements[0] if complements else None
        if complement is None:
            # "said after the meeting he would resign": a clause with its own subject and
            # no "because"/"if" the parser hung on the verb as an adverbial
            complement = next(
                (
                    c
                    for c in verb.children
                    if c.dep_ == "advcl"
                    and c.i > verb.i
                    and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
                    and not any(g.dep_ == "mark" for g in c.children)
                ),
                None,
            )
        if complement is None and lemma in self.lexicon.characterising:
            characterised = _characterised(verb, self.lexicon.characterising[lemma])
            if characterised is not None or lemma not in self.lexicon.object_content:
                return characterised
        if complement is None:
            complement = next((c for c in verb.children if c.dep_ == "xcomp"), None)
        if complement is None and lemma in self.lexicon.object_content:
            complement = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
            if complement is not None:
                return self._object_chars(verb, complement)
            antecedent = _relative_object(verb)
            if antecedent is not None:
                return antecedent
        if complement is not None and complement.i > verb.i:
            return _subtree_chars(complement)
        # the content comes before the cue or around it: "The talks failed, he said." /
        # "The talks, he said, failed."
        return _around_attribution(verb, subject, sent, self.lexicon.verbs)

    def _object_chars(self, verb: Token, obj: Token) -> tuple[int, int]:
        """An object with what it is held to be or blamed for: “criticized the law as a
        crazy system”, “blasted him for not paying tax”."""
        start, end = _subtree_chars(obj)
        for child in verb.rights:
            if child.i <= obj.i:
                continue
            if child.dep_ == "oprd" or (
                child.dep_ == "prep" and child.lower_ in self.lexicon.object_prepositions
            ):
                end = max(end, _subtree_chars(child)[1])
            elif not child.is_punct:
                break
        return (start, end)

    def _according_to(self, sent: Span) -> list[_Draft]:
        drafts = []
        for token in sent:
            if token.lower_ != "according" or token.i + 1 >= len(token.doc):
                continue
            to = token.doc[token.i + 1]
            if to.lower_ != "to":
                continue
            source = next((c for c in to.children if c.dep_ == "pobj"), None)
            if source is None:
                continue
            speaker = _speaker_span(source)
            phrase = _speaker_phrase(source)
            phrase_start = token.i
            phrase_end = max(source.right_edge.i + 1, to.i + 1)
            # the content is the rest of the sentence, on whichever side of the phrase
            before = sent.doc[sent.start : phrase_start]
            after = sent.doc[phrase_end : sent.end]
            content_span = before if len(_words(before)) >= len(_words(after)) else after
            content = _strip_chars(content_span)
            if content is None:
                continue
            cue = token.doc[token.i : token.i + 2]
            drafts.append(
                _Draft(
                    speaker,
                    cue,
                    content,
                    "according_to",
                    speaker_phrase=phrase,
                    cue_phrase=(cue.start_char, cue.end_char),
                )
            )
        return drafts

    def _unconfirmed_reports(self, sent: Span) -> list[_Draft]:
        """“Despite media reports, Hayat did not confirm the death of the driver”: the
        reports set against a denial, or against a refusal to confirm, say what is denied;
        the reports are the source of it (the one denying is the source of the denial)."""
        drafts = []
        doc = sent.doc
        for prep in sent:
            if prep.dep_ != "prep" or prep.lower_ not in self.lexicon.concessive_prepositions:
                continue
            reports = next((c for c in prep.children if c.dep_ == "pobj"), None)
            verb = prep.head
            if reports is None or reports.lemma_.lower() not in self.lexicon.report_nouns:
                continue
            if not self._is_cue(verb) or verb.i < reports.i:
                continue
            negated = any(c.dep_ == "neg" for c in verb.children)
            if not negated and self._lemma(verb) not in self.lexicon.denial:
                continue
            subject = self._subject(verb)
            if subject is None:
                continue
            content = self._content(verb, subject, sent)
            if content is None or content[0] < verb.idx:
                continue
            # what the reports say is the thing denied, not what the outlet tells of it
            # in a relative clause ("the driver who was hurt in the attack")
            relative = next(
                (
                    t
                    for t in doc[verb.i + 1 : sent.end]
                    if t.dep_ == "relcl" and content[0] < t.left_edge.idx < content[1]
                ),
                None,
            )
            if relative is not None:
                content = (
                    content[0],
                    doc[relative.left_edge.i - 1].idx + len(doc[relative.left_edge.i - 1].text),
                )
            # the whole phrase after the preposition: "media reports", not "reports"
            name = doc[reports.left_edge.i : _speaker_span(reports).end]
            drafts.append(
                _Draft(
                    name,
                    doc[prep.i : prep.i + 1],
                    _trim_chars(ext.doc_text(doc), *content),
                    "indirect",
                    speaker_phrase=(name.start_char, name.end_char),
                    cue_phrase=(prep.idx, prep.idx + len(prep.text)),
                    antecedent=False,
                )
            )
        return drafts

    def _signed_quotes(self, doc: Doc) -> list[_Draft]:
        """“We will not give up.” ― Jane Doe: a quotation signed after a dash."""
        found = []
        for match in _SIGNED_QUOTE.finditer(ext.doc_text(doc)):
            name = doc.char_span(*match.span(2), alignment_mode="contract")
            dash = doc.char_span(match.end(1) + 1, match.start(2), alignment_mode="expand")
            if name is None or dash is None or not name.text.strip():
                continue
            name = _strip_span(name)
            # the tokenizer may keep the closing mark on the dash: ”―
            dash_tokens = [t for t in dash if any(c in "―—–" for c in t.text)]
            if not dash_tokens or len(name) == 0:
                continue
            cue = doc[dash_tokens[0].i : dash_tokens[0].i + 1]
            at = cue.start_char + next(i for i, c in enumerate(cue.text) if c in "―—–")
            found.append(
                _Draft(
                    name,
                    cue,
                    match.span(1),
                    "direct",
                    speaker_phrase=(name.start_char, name.end_char),
                    cue_phrase=(at, at + 1),
                )
            )
        return found

    def _headline(self, doc: Doc, drafts: list[_Draft]) -> list[_Draft]:
        """“Bill Clinton Calls Obamacare ‘Crazy System’”: a headline in title case, which
        the tagger reads as one long name. A cue verb standing after the capitalised name
        that opens the line credits the rest of the line to that name."""
        text = ext.doc_text(doc)
        line_end = text.find("\n")
        line_end = len(text) if line_end < 0 else line_end
        if any(d.cue.start_char < line_end for d in drafts):
            return []
        words = [t for t in doc if t.idx < line_end and not t.is_space]
        capitalised = [t for t in words if t.is_alpha and t.text[:1].isupper()]
        if len(words) > 25 or len(capitalised) < 0.7 * len([t for t in words if t.is_alpha]):
            return []
        for n, token in enumerate(words[1:6], start=1):
            if not token.text[:1].isupper() or token.is_punct:
                return []
            lemma = self._headline_lemma(token.lower_)
            if lemma is None:
                continue
            rest = [t for t in words[n + 1 :] if not t.is_punct]
            if len(rest) < 2:
                return []
            speaker = doc[words[0].i : token.i]
            if self._names_a_place(speaker) or not any(t.is_alpha for t in speaker):
                return []
            return [
                _Draft(
                    speaker,
                    doc[token.i : token.i + 1],
                    _trim_chars(text, rest[0].idx, rest[-1].idx + len(rest[-1].text)),
                    "indirect",
                    speaker_phrase=(speaker.start_char, speaker.end_char),
                    cue_phrase=(token.idx, token.idx + len(token.text)),
                )
            ]
        return []

    def _headline_lemma(self, word: str) -> str | None:
        """The cue lemma of a present-tense verb in a headline ("calls", "vows",
        "urges"), or None."""
        cues = self.lexicon.verbs | set(self.lexicon.prepositional)
        for lemma in (word[:-1], word[:-2]) if word.endswith("s") else ():
            if lemma in cues:
                return lemma
        return None

    def _labelled_lines(self, doc: Doc, drafts: list[_Draft]) -> list[_Draft]:
        """PENCE: Well, look ... -- a line a speaker's name opens with a colon."""
        found = []
        taken = [d.content for d in drafts]
        for match in _LABELLED_LINE.finditer(ext.doc_text(doc)):
            label = match.group(1)
            if label.lower() in self.lexicon.line_labels_not_speakers:
                continue
            if len(match.group(2).split()) < 3:
                continue
            name = doc.char_span(*match.span(1), alignment_mode="contract")
            if name is None or len(name) == 0:
                continue
            # a headline "Poll: Clinton and Trump in dead heat" credits its first words
            # whatever they name, unless a place or a date ("WASHINGTON:")
            headline = "\n" not in ext.doc_text(doc)[: match.start(1)].strip()
            if not self._names_a_speaker(name) and not (
                headline and len(name) <= 3 and not self._names_a_place(name)
            ):
                continue
            content = _strip_text(ext.doc_text(doc), *match.span(2))
            if any(t[0] <= content[0] and content[1] <= t[1] for t in taken):
                continue
            colon = doc.char_span(match.end(1), match.start(2), alignment_mode="expand")
            colon_tokens = [t for t in colon or () if t.text == ":"]
            if not colon_tokens:
                continue
            cue = doc[colon_tokens[0].i : colon_tokens[0].i + 1]
            found.append(
                _Draft(
                    name,
                    cue,
                    content,
                    "direct",
                    speaker_phrase=(name.start_char, name.end_char),
                    cue_phrase=(cue.start_char, cue.end_char),
                )
            )
        return found

    @staticmethod
    def _names_a_place(name: Span) -> bool:
        return any(t.ent_type_ in ("GPE", "LOC", "DATE", "TIME", "CARDINAL") for t in name)

    def _names_a_speaker(self, name: Span) -> bool:
        """A person or organisation, or a transcript's capitalised surname; not a place
        ("WASHINGTON:") or a heading word."""
        if any(t.ent_type_ in ("GPE", "LOC", "DATE", "TIME", "CARDINAL") for t in name):
            return False
        if any(t.ent_type_ in ("PERSON", "ORG", "NORP") for t in name):
            return True
        return name.text.isupper() and len(name.text) > 2

    def _quotes_without_complement(
        self, doc: Doc, quotes: list[tuple[int, int]], drafts: list[_Draft]
    ) -> list[_Draft]:
        """“We will go on,” he said. -- the quote is the content of the nearby 'said'."""
        found = []
        covered = [d.content for d in drafts]
        text = ext.doc_text(doc)
        for q_start, q_end in quotes:
            short = len(text[q_start:q_end].split()) < 3
            if short and not _ends_utterance(text, q_start, q_end):
                continue  # a scare-quoted word is a label, not a claim
            if any(c[0] <= q_start and q_end <= c[1] for c in covered):
                continue
            content = _quote_content(text, q_start, q_end)
            verb = self._verb_near_quote(doc, q_start, q_end, quotes)
            parsed = self._subject(verb) if verb is not None else None
            subject = _outside_quotes(verb, parsed, quotes) if verb is not None else None
            if short and not _attributed_right_after(doc, q_end, verb, subject):
                continue  # a short reply counts only with its cue right after it
            if (
                verb is not None
                and subject is not None
                and _subject_of_joined_clause(verb, subject) is not None
            ):
                continue  # "..., but also said the base would open": not this quote's cue
            if verb is not None and subject is not None:
                found.append(
                    _Draft(
                        _speaker_name(subject),
                        doc[verb.i : verb.i + 1],
                        content,
                        "direct",
                        speaker_phrase=_quoted_speaker_phrase(verb, parsed, quotes)
                        or _speaker_phrase(subject, verb),
                        cue_phrase=_cue_phrase(verb),
                    )
                )
                continue
            # a quotation that goes straight on from the last one, in the same paragraph,
            # has the same speaker: “We are advancing,” he said. “We will not stop.”
            previous = max(
                (d for d in [*drafts, *found] if d.kind == "direct" and d.content[1] <= q_start),
                key=lambda d: d.content[1],
                default=None,
            )
            if (
                previous is not None
                and "\n" not in text[previous.content[1] : q_start]
                and (q_start - previous.content[1] < 200)
            ):
                found.append(
                    _Draft(
                        previous.speaker,
                        previous.cue,
                        content,
                        "direct",
                        speaker_phrase=previous.speaker_phrase,
                        cue_phrase=previous.cue_phrase,
                    )
                )
        return found

    def _verb_near_quote(
        self, doc: Doc, q_start: int, q_end: int, quotes: list[tuple[int, int]]
    ) -> Token | None:
        """A reporting verb after the quote in the sentence it closes, or before it in the
        sentence it opens: “We will go on,” he said. / He said: “We will go on.”"""
        closing = doc.char_span(q_end - 1, q_end, alignment_mode="expand")
        if closing is not None:
            sentence = ext.sentence_of(doc, closing.end - 1)
            end = sentence.end
            if end < len(doc) and end - closing.end <= 2:
                # “Why not?” she asked. -- the parser may end the sentence at the quote
                tag = ext.sentence_of(doc, end)
                first = next((t for t in tag if not (t.is_punct or t.is_space)), None)
                if first is not None and (
                    first.text[:1].islower() or self._is_cue(first) or self._is_tag(tag)
                ):
                    end = tag.end
            for token in doc[closing.end : end]:
                if "\n" in token.text:
                    break
                if self._is_quote_cue(token) and not _inside(token.idx, quotes):
                    return token
        opening = doc.char_span(q_start, q_start + 1, alignment_mode="expand")
        if opening is not None:
            sentence = ext.sentence_of(doc, opening.start)
            for token in reversed(doc[sentence.start : opening.start]):
                if "\n" in token.text:
                    break
                if self._is_quote_cue(token) and not _inside(token.idx, quotes):
                    return token
        return None

    def _is_tag(self, sentence: Span) -> bool:
        """A short sentence that is only an attribution: “Why?” | Graham asked. -- a
        speaker and a cue with nothing said of its own (no clause, no object)."""
        words = _words(sentence)
        if not words or len(words) > 8:
            return False
        cue = next((t for t in words if self._is_quote_cue(t)), None)
        return cue is not None and not any(
            c.dep_ in ("ccomp", "xcomp", "dobj") for c in cue.children
        )

    def _is_quote_cue(self, token: Token) -> bool:
        """A cue, or a verb that reports speech only next to a quotation: “...,” she
        continued."""
        return self._is_cue(token) or (
            token.pos_ == "VERB" and self._lemma(token) in self.lexicon.quote_verbs
        )

    def _lemma(self, token: Token) -> str:
        return self.lexicon.cue_forms.get(token.lower_, token.lemma_.lower())

    def _is_cue(self, token: Token) -> bool:
        return token.pos_ in ("VERB", "AUX") and self._lemma(token) in self.lexicon.verbs

    def _is_attitude(self, token: Token) -> bool:
        return token.pos_ == "VERB" and self._lemma(token) in self.lexicon.attitude

    def _without_nested_attitudes(self, drafts: list[_Draft]) -> list[_Draft]:
        """“Clinton said she thinks the video should be released”: a belief or plan the
        speaker states of themselves inside what they say is part of that statement,
        not a second claim (“I think ...” in a quotation likewise)."""
        held = self.lexicon.cognitive | self.lexicon.attitude
        kept = []
        for draft in drafts:
            nested = (
                draft.speaker.root.pos_ == "PRON"
                and self._lemma(draft.cue.root) in held
                and any(
                    other is not draft
                    and other.content[0] <= draft.cue.start_char < other.content[1]
                    for other in drafts
                )
            )
            if not nested:
                kept.append(draft)
        return kept

    # -- assembling --------------------------------------------------------------------

    def _assemble(self, doc: Doc, drafts: list[_Draft]) -> list[Claim]:
        claims: list[Claim] = []
        text = ext.doc_text(doc)
        named = self._named_speakers(doc, drafts)
        merged = _merged(text, drafts)
        people = self._titled_people(doc, merged)
        speakers: dict[int, tuple[str, Entity | None]] = {}
        genders = self._titled_genders(doc, merged)
        for n in sorted(range(len(merged)), key=lambda n: merged[n].speaker.start_char):
            draft = merged[n]
            speaker_text, entity = self._speaker(doc, draft, named, genders)
            holder = self._role_holder(doc, draft, people)
            speakers[n] = (holder or speaker_text, entity)
        # descriptions in text order, so that one may lean on an earlier one
        for n in sorted(range(len(merged)), key=lambda n: merged[n].speaker.start_char):
            described = self._described(doc, merged[n], merged, speakers)
            if described is not None:
                speakers[n] = described
        for n, draft in enumerate(merged):
            speaker_text, entity = speakers[n]
            speaker_span = draft.speaker_phrase or (
                draft.speaker.start_char,
                draft.speaker.end_char,
            )
            if speaker_span[0] >= speaker_span[1]:
                speaker_span = (draft.speaker.start_char, draft.speaker.end_char)
            cue_span = draft.cue_phrase or (draft.cue.start_char, draft.cue.end_char)
            start = min(speaker_span[0], cue_span[0], draft.content[0])
            end = max(speaker_span[1], cue_span[1], draft.content[1], draft.reach)
            if draft.kind == "direct":
                start, end = _include_quote_marks(text, start, end)
            claims.append(
                Claim(
                    id=f"c{len(claims) + 1}",
                    speaker=speaker_text,
                    speaker_entity=entity.id if entity else None,
                    cue=draft.cue.text,
                    kind=draft.kind,  # type: ignore[arg-type]
                    content=draft.content,
                    span=(start, end),
                    speaker_span=speaker_span,
                    cue_span=cue_span,
                )
            )
        return claims

    def _described(
        self,
        doc: Doc,
        draft: _Draft,
        drafts: list[_Draft],
        speakers: dict[int, tuple[str, Entity | None]],
    ) -> tuple[str, Entity | None] | None:
        """Who a definite description that speaks stands for, when the article named them
        before: "the railway official said" is Imran Hayat, introduced as "the divisional
        railway superintendent"; "The spokesperson said", the person first given that
        title; "The assessment said", whoever "A preliminary assessment from the
        department" was credited to. A description that repeats the head of an unnamed
        speaker in between ("a local official ... the official said") is that speaker."""
        speaker = draft.speaker
        head = speaker.root
        if head.tag_ == "NNS" and head.lemma_.lower() in self.lexicon.group_nouns:
            return self._members_described(doc, head)
        if head.pos_ != "NOUN" or head.tag_ != "NN" or speaker[0].lower_ not in _DEFINITE:
            return None
        phrase = self._phrase(doc, draft)
        if any(t.ent_type_ == "PERSON" for t in phrase):
            return None
        lemma = head.lemma_.lower()
        document = lemma in self.lexicon.document_nouns
        if not document and not (lemma in self.lexicon.roles or lemma in self.lexicon.person_nouns):
            return None
        # words of the description that may repeat the introduction: "railway" in "the
        # railway official"; a country or nation ("the U.S. official") fits too many
        # people unless the title has one holder ("the U.S. leader"); an adjective such
        # as "former" or "senior" fits anyone
        sole = lemma in self.lexicon.sole_titles
        modifiers = {
            t.lemma_.lower()
            for t in speaker
            if t.i != head.i
            and t.lemma_.lower() not in self.lexicon.vague_modifiers
            and (
                (t.pos_ in ("NOUN", "PROPN", "ADJ") and t.ent_type_ not in ("GPE", "NORP", "LOC"))
                or (sole and t.ent_type_ in ("GPE", "NORP"))
            )
        }
        if document and any(t.pos_ == "PROPN" for t in speaker):
            return None  # "The G7 joint statement" names its own author
        at = speaker.start_char
        before = sorted(
            (n for n, d in enumerate(drafts) if d.speaker.start_char < at - 1),
            key=lambda n: drafts[n].speaker.start_char,
            reverse=True,
        )
        best: tuple[str, Entity | None] | None = None
        best_score = 0
        for n in before:
            other = drafts[n]
            if at - other.speaker.start_char > _DESCRIPTION_REACH:
                break
            other_head = other.speaker.root
            if other_head.pos_ == "PRON":
                continue
            if document:
                # the same writing: "a report from the agency ... The report said", not
                # "earlier reports ... the report"
                if other_head.lemma_.lower() == lemma and other_head.tag_ == head.tag_:
                    return speakers[n]
                continue
            entity = speakers[n][1]
            named = _name_of_span(other.speaker)
            person = (
                _is_person(entity)
                or any(t.ent_type_ == "PERSON" for t in named)
                or (
                    entity is None
                    and named.root.pos_ == "PROPN"
                    and named.root.ent_type_ not in _NOT_PERSON
                )
            )
            if not person:
                if other_head.lemma_.lower() == lemma:
                    break  # "a local official told VOA ... the official said"
                continue
            words = {t.lemma_.lower() for t in self._phrase(doc, other)}
            if entity is not None and entity.kind == "person":
                words |= _introduction_words(doc, entity)
            # the title and the words that qualify it; the nearest wins a tie
            score = (lemma in words) + len(modifiers & words)
            if score > best_score:
                best, best_score = speakers[n], score
        if document:
            return best if best is not None else self._document_author(doc, head, at)
        if best is not None:
            return best
        # a person given the title before without speaking: "Army spokeswoman Jane Roe
        # visited the site. ... The spokeswoman said"
        titled = _titled_before(doc, at, lemma)
        return (titled.name, titled) if titled is not None else None

    def _members_described(self, doc: Doc, head: Token) -> tuple[str, Entity | None] | None:
        """“Burkina Faso, Mali and Niger withdrew ... The three military-led nations
        accused”: a counted description of countries or groups ("the two countries", "both
        governments") stands for the names last listed together, when there are as many."""
        count = None
        for child in head.children:
            if child.dep_ == "nummod":
                count = self.lexicon.counting_words.get(child.lower_)
                if count is None and child.text.isdigit():
                    count = int(child.text)
            elif child.dep_ in ("det", "predet", "preconj") and child.lower_ == "both":
                count = 2
        if count is None or count < 2:
            return None
        start = head.left_edge.i
        for token in reversed(doc[:start]):
            if head.idx - token.idx > _PRONOUN_REACH:
                break
            if token.pos_ != "PROPN" or token.dep_ == "conj":
                continue
            members = [token, *_conjuncts_after(token)]
            if len(members) != count or any(m.pos_ != "PROPN" for m in members):
                continue
            first = _name_start(token)
            last = members[-1].i + 1
            for child in members[-1].rights:
                if child.dep_ in ("compound", "flat"):
                    last = child.right_edge.i + 1
            entity = ext.entity_at(doc, token.idx, token.idx + len(token.text))
            return doc[first:last].text, entity
        return None

    def _document_author(self, doc: Doc, head: Token, at: int) -> tuple[str, Entity | None] | None:
        """Who issued the writing a description names, from where it was first mentioned
        without speaking: "Human Rights Watch released a report ... According to the
        report", "the agency's assessment", "a study by the World Bank"."""
        lemma = head.lemma_.lower()
        for token in reversed(doc[: head.i]):
            if at - token.idx > _DESCRIPTION_REACH:
                break
            if token.lemma_.lower() != lemma or token.tag_ != head.tag_:
                continue
            author = next((c for c in token.children if c.dep_ == "poss"), None)
            if author is None:
                by = next(
                    (c for c in token.rights if c.dep_ == "prep" and c.lower_ in ("by", "from")),
                    None,
                )
                author = next((c for c in by.children if c.dep_ == "pobj"), None) if by else None
            if author is None and token.dep_ == "dobj":
                author = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
            if author is None or author.pos_ != "PROPN":
                continue
            name = doc[author.left_edge.i : _speaker_span(author).end]
            if name.end > token.i >= name.start:
                name = doc[name.start : token.i]
            while len(name) > 1 and (name[-1].dep_ == "case" or name[0].dep_ == "det"):
                name = name[:-1] if name[-1].dep_ == "case" else name[1:]
            entity = ext.entity_at(doc, author.idx, author.idx + len(author.text))
            return name.text, entity
        return None

    def _named_speakers(
        self, doc: Doc, drafts: list[_Draft]
    ) -> dict[str, list[tuple[int, str, Entity | None]]]:
        """(position, name, entity) of the speakers quoted by name, in text order, by the
        pronoun class that may stand for them: "..., said Andrew Kirkwood. ... he said"
        is Kirkwood; "rights groups say ... They say" are the rights groups."""
        named: dict[str, list[tuple[int, str, Entity | None]]] = {"person": [], "plural": []}
        for draft in drafts:
            if draft.speaker.root.pos_ == "PRON" or not draft.antecedent:
                continue
            name = _name_of_span(draft.speaker)
            root = name.root
            entity = ext.entity_at(doc, root.idx, root.idx + len(root.text))
            at = draft.speaker.start_char
            # "X, who heads the foundation," is a person whatever the tagger made of X
            who = any(c.dep_ == "relcl" and c.left_edge.lower_ == "who" for c in root.children)
            if who or _is_person(entity) or any(t.ent_type_ == "PERSON" for t in name):
                named["person"].append((at, name.text, entity if _is_person(entity) else None))
            elif entity is None and root.pos_ == "PROPN" and root.ent_type_ not in _NOT_PERSON:
                named["person"].append((at, name.text, None))
            elif root.tag_ in ("NNS", "NNPS") and (entity is None or entity.kind == "people"):
                named["plural"].append((at, name.text, entity))
        for speakers in named.values():
            speakers.sort(key=lambda n: n[0])
        return named

    def _titled_people(self, doc: Doc, drafts: list[_Draft]) -> list[_Person]:
        """The speakers named as persons, with the organisations their phrases name."""
        people = []
        for draft in drafts:
            name = _name_of_span(draft.speaker)
            if not any(t.ent_type_ == "PERSON" for t in name):
                entity = ext.entity_at(doc, name.root.idx, name.root.idx + len(name.root.text))
                if not _is_person(entity):
                    continue
            phrase = self._phrase(doc, draft)
            titled = any(
                t.lower_ in self.lexicon.roles
                or (t.pos_ == "PROPN" and not t.ent_type_ and t.i < name.start)
                for t in phrase
            )
            people.append(
                _Person(
                    draft.speaker.start_char,
                    name.text,
                    self._organisations(doc, phrase),
                    titled,
                    draft.kind == "direct",
                )
            )
        # a person is introduced once with title and organisation ("Catherine Russell,
        # UNICEF's executive director") and named bare after ("Russell said")
        by_surname: dict[str, list[_Person]] = {}
        for person in people:
            by_surname.setdefault(person.name.split()[-1].lower(), []).append(person)
        return [
            _Person(
                p.at,
                p.name,
                frozenset().union(*(q.organisations for q in by_surname[key])),
                any(q.titled for q in by_surname[key]),
                p.direct,
            )
            for p in people
            for key in [p.name.split()[-1].lower()]
        ]

    def _organisations(self, doc: Doc, phrase: Span) -> frozenset[str]:
        """What names the organisations and countries in a speaker phrase: entity ids, and
        the words of names the tagger marks when no entity covers them; countries and
        peoples are marked with "@" ("China's U.N. ambassador" is no U.N. official)."""
        keys: set[str] = set()
        for token in phrase:
            entity = ext.entity_at(doc, token.idx, token.idx + len(token.text))
            if (
                entity is not None
                and entity.kind == "people"
                and token.ent_type_
                not in (
                    "NORP",
                    "GPE",
                )
            ):
                continue  # "the U.N. children's agency": whom it serves, not a nation
            if entity is not None and entity.kind != "person":
                place = entity.kind in _PLACE_KINDS
                keys.add(f"{'@' if place else '#'}{entity.id}")
            elif entity is None and not token.is_punct:
                if token.ent_type_ == "ORG":
                    keys.add(token.lower_)
                elif token.ent_type_ in ("GPE", "NORP"):
                    keys.add(f"@{token.lower_}")
        return frozenset(keys)

    def _role_holder(self, doc: Doc, draft: _Draft, people: list[_Person]) -> str | None:
        """The person a role stands for where the article names them: "The head of UNICEF
        said ..." and "Catherine Russell, UNICEF's executive director, told ..." are one
        speaker; "The head of MSF told the council ... “...,” said Secretary General
        Christopher Lockyear" too. The organisation stays the speaker's entity."""
        head = draft.speaker.root
        if head.pos_ != "NOUN" or head.tag_ != "NN" or head.lower_ not in self.lexicon.roles:
            return None
        phrase = self._phrase(doc, draft)
        if any(t.ent_type_ == "PERSON" for t in phrase):
            return None
        keys = self._organisations(doc, phrase)
        organisations = {k for k in keys if not k.startswith("@")}
        if not organisations:
            return None  # "the U.S. leader", "the Chinese envoy": too many hold such roles
        places = keys - organisations
        at = draft.speaker.start_char
        same = [p for p in people if p.organisations & organisations and places <= p.organisations]
        if same:
            return min(same, key=lambda p: abs(p.at - at)).name
        # a quotation right after, signed by a titled person who names no organisation
        following = [p for p in people if at < p.at <= at + _ROLE_HOLDER_REACH]
        if following:
            person = min(following, key=lambda p: p.at)
            if person.titled and person.direct and not person.organisations:
                return person.name
        return None

    @staticmethod
    def _phrase(doc: Doc, draft: _Draft) -> Span:
        if draft.speaker_phrase is None or draft.speaker_phrase[0] >= draft.speaker_phrase[1]:
            return draft.speaker
        phrase = doc.char_span(*draft.speaker_phrase, alignment_mode="expand")
        return phrase if phrase is not None and len(phrase) else draft.speaker

    def _speaker(
        self,
        doc: Doc,
        draft: _Draft,
        named: dict[str, list[tuple[int, str, Entity | None]]],
        genders: dict[str, str] | None = None,
    ) -> tuple[str, Entity | None]:
        """The speaker's name and entity; a pronoun takes the last compatible actor's.
        "she said" passes over a person the article has called "he" (``genders`` learns
        from each pronoun resolved, in text order)."""
        speaker = draft.speaker
        head = speaker.root
        genders = {} if genders is None else genders
        if head.pos_ == "PRON" and head.lower_ in ext.PRONOUN_CLASS:
            if not self.resolve_pronouns:
                return speaker.text, None
            pronoun_class = ext.PRONOUN_CLASS[head.lower_]
            gender = _PRONOUN_GENDER.get(head.lower_)
            if pronoun_class in named:
                # the speaker quoted last, when quoted shortly before, is who "he said" means
                recent = [
                    n
                    for n in named[pronoun_class]
                    if head.idx - _PRONOUN_REACH < n[0] < head.idx
                    and genders.get(_gender_key(n[1]), gender) == gender
                ]
                if recent:
                    _, name, entity = recent[-1]
                    if gender is not None:
                        genders.setdefault(_gender_key(name), gender)
                    return (entity.name if entity else name), entity
            antecedent = ext.antecedent(doc, head.idx, head.lower_)
            if gender is not None:
                antecedent = _person_before(doc, head.idx, gender, genders)
            if antecedent is None:
                return speaker.text, None
            if gender is not None:
                genders.setdefault(_gender_key(antecedent.name), gender)
            return antecedent.name, antecedent
        return _name_of(speaker), self._speaker_entity(doc, speaker, self._phrase(doc, draft))

    def _titled_genders(self, doc: Doc, drafts: list[_Draft]) -> dict[str, str]:
        """Surname -> "m" or "f" for the people whose phrase says which ("Ms. Rowe",
        "the army's spokeswoman, Jane Rowe")."""
        genders: dict[str, str] = {}
        for draft in drafts:
            if draft.speaker.root.pos_ == "PRON":
                continue
            words = {t.lower_ for t in self._phrase(doc, draft)}
            feminine = bool(words & self.lexicon.feminine_words)
            masculine = bool(words & self.lexicon.masculine_words)
            if feminine != masculine:
                genders.setdefault(_gender_key(_name_of(draft.speaker)), "f" if feminine else "m")
        return genders

    def _speaker_entity(self, doc: Doc, speaker: Span, phrase: Span) -> Entity | None:
        """The entity a speaker stands for; role words anywhere in the phrase make a
        person speak for the organisation it names ("Jane Doe, the army's spokeswoman")."""
        inside: list[Entity] = []
        for token in phrase:
            entity = ext.entity_at(doc, token.idx, token.idx + len(token.text))
            if entity is not None and entity not in inside:
                inside.append(entity)
        if not inside:
            return None
        has_role = any(t.lower_ in self.lexicon.roles for t in phrase)
        if has_role:
            # "IDF spokesman Daniel Hagari" speaks for the IDF
            organisations = [e for e in inside if e.kind not in ("person", "people")]
            if organisations:
                return organisations[0]
        name = _name_of_span(speaker)
        root_entity = ext.entity_at(doc, name.root.idx, name.root.idx + len(name.root.text))
        if any(t.dep_ == "conj" and t.head.i == name.root.i for t in name):
            # "witnesses and a Somali lawmaker": no one entity speaks for all of them, and
            # a word that only qualifies one of them ("Somali") speaks for none
            return root_entity
        return root_entity or inside[0]


def _merged(text: str, drafts: list[_Draft]) -> list[_Draft]:
    """One draft per statement: duplicates dropped, and a quotation the attribution
    splits in one sentence joined -- “The talks failed,” she said, “and will not resume.”
    (A quotation in the next sentence stays a claim of its own.)"""
    accepted: list[_Draft] = []
    for draft in sorted(drafts, key=lambda d: d.content[0]):
        if draft.content[1] - draft.content[0] < 2:
            continue
        if any(a.content == draft.content for a in accepted):
            continue
        same_cue = [a for a in accepted if a.cue.start_char == draft.cue.start_char]
        if any(
            a.content[0] < draft.content[1] and draft.content[0] < a.content[1] for a in same_cue
        ):
            continue
        cue_end = draft.cue_phrase[1] if draft.cue_phrase else draft.cue.end_char
        joined = next(
            (
                a
                for a in same_cue
                if a.kind == draft.kind == "direct"
                and a.content[1] <= draft.cue.start_char
                and cue_end <= draft.content[0]
                and not re.search(r"[.!?\n]", text[cue_end : draft.content[0]])
            ),
            None,
        )
        if joined is not None:
            joined.content = (joined.content[0], draft.content[1])
            continue
        accepted.append(draft)
    return accepted


_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}


def _gender_key(name: str) -> str:
    """The surname a person is known by across the article: "Ursula von der Leyen" and
    "von der Leyen" both give "leyen"."""
    words = name.lower().replace("’s", "").replace("'s", "").split()
    return words[-1] if words else ""


def _person_before(doc: Doc, at: int, gender: str, genders: dict[str, str]) -> Entity | None:
    """The person mentioned last before character ``at`` whom the article has not
    called by the other gender's pronoun."""
    best: Entity | None = None
    best_at = -1
    for entity in ext.entities(doc):
        if entity.kind != "person" or genders.get(_gender_key(entity.name), gender) != gender:
            continue
        for start, _end in entity.mentions:
            if best_at < start < at:
                best, best_at = entity, start
    return best


def _conjuncts_after(token: Token) -> list[Token]:
    """The words joined to ``token`` by commas and "and": Mali and Niger in "Burkina
    Faso, Mali and Niger" (the parser hangs them from the first or chains them)."""
    found: list[Token] = []
    current = token
    while True:
        joined = next((c for c in current.children if c.dep_ == "conj" and c.i > current.i), None)
        if joined is None:
            return found
        found.append(joined)
        current = joined


def _titled_before(doc: Doc, at: int, title: str) -> Entity | None:
    """The person last named before character ``at`` (within reach) in a phrase that
    gives them the title ``title``."""
    best: Entity | None = None
    best_at = -1
    for entity in ext.entities(doc):
        if entity.kind != "person":
            continue
        last = max(
            (m[0] for m in entity.mentions if at - _DESCRIPTION_REACH < m[0] < at), default=None
        )
        if last is None or last <= best_at:
            continue
        if title in _introduction_words(doc, entity):
            best, best_at = entity, last
    return best


def _introduction_words(doc: Doc, entity: Entity) -> set[str]:
    """The words of the noun phrases a person is named in: "U.S. President Donald
    Trump", "Imran Hayat, the divisional railway superintendent in Quetta"."""
    words: set[str] = set()
    for start, end in entity.mentions:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        root = span.root
        if root.pos_ != "PROPN":
            continue  # a description linked to the person ("the spokesperson") adds nothing
        first = root.left_edge.i
        last = root.i
        for child in root.rights:
            after = child.right_edge.i + 1
            if after < len(doc) and doc[after].lemma_.lower() in reporting_lexicon().verbs:
                break  # “... like Arnel Joseph,” the spokesperson added: a new subject
            if child.dep_ == "appos":
                last = child.right_edge.i
        words.update(t.lemma_.lower() for t in doc[first : last + 1] if not t.is_punct)
    return words


def _is_person(entity: Entity | None) -> bool:
    return entity is not None and entity.kind == "person"


def _name_of_span(speaker: Span) -> Span:
    """The proper name in a speaker phrase headed by a title or role: "the leader of the
    movement, Florence Ozor" -> "Florence Ozor"."""
    head = speaker.root
    if head.ent_type_ == "PERSON" or head.pos_ not in ("NOUN", "PROPN"):
        return speaker
    appositions = [
        child
        for child in [*head.rights, *speaker]
        if child.dep_ == "appos" and child.pos_ == "PROPN" and child.i > head.i
    ]
    # "The head of the agency, UNICEF, Catherine Russell, said": of the names in
    # apposition, the person's is the speaker's; the organisation only places the role.
    # A title the tagger reads as a name ("Air Force Chief of Staff, General Dave
    # Goldfein") gives way to the person's name likewise
    for child in appositions:
        person = _person_in(child)
        if person is not None:
            return person
    # a name the parser split from its title ("Chief of Staff, General Mark Okoro")
    comma = next((t.i for t in speaker if t.i > head.i and t.text == ","), None)
    if comma is not None and not any(t.ent_type_ == "PERSON" for t in speaker if t.i < comma):
        split = speaker.doc[comma + 1 : speaker.end]
        if split.root.head.i == head.head.i and split.root.dep_ == head.dep_:
            person = _person_in(split.root)
            if person is not None:
                return person
    if head.pos_ != "NOUN" or head.lemma_.lower() in reporting_lexicon().roles:
        # "The head of UNICEF, UNICEF, said": the role stands for a person the article
        # may name elsewhere, not for the organisation set beside it
        return speaker
    for child in appositions:
        name = _speaker_span(child)
        return name.doc[max(name.start, child.left_edge.i) : name.end]
    return speaker


def _person_in(apposition: Token) -> Span | None:
    """The first run of words tagged as a person's name in an apposition and what hangs
    from it, or None."""
    doc = apposition.doc
    start = end = None
    for i in range(apposition.left_edge.i, apposition.right_edge.i + 1):
        if doc[i].ent_type_ == "PERSON":
            start = i if start is None else start
            end = i + 1
        elif start is not None:
            break
    return doc[start:end] if start is not None and end is not None else None


def _name_of(speaker: Span) -> str:
    return _name_of_span(speaker).text


def _outside_quotes(
    verb: Token, subject: Token | None, quotes: list[tuple[int, int]]
) -> Token | None:
    """A speaker the parser found inside a quotation while the cue stands outside is a
    word of what was said: “... We will achieve justice,” Police Chief Ann Roe said --
    the speaker is the noun phrase between the closing mark and the cue, or none."""
    between = _between_quote_and_cue(verb, subject, quotes)
    if between is None:
        return subject
    # the head of the phrase is its last noun before an apposition: "Flynn, an aide,"
    comma = next((t.i for t in between if t.text == ","), between.end)
    nouns = [
        t
        for t in between
        if t.pos_ in ("PROPN", "NOUN", "PRON") and t.dep_ != "poss" and t.i < comma
    ]
    return nouns[-1] if nouns else None


def _between_quote_and_cue(
    verb: Token, subject: Token | None, quotes: list[tuple[int, int]]
) -> Span | None:
    """The words between the quotation before a cue and the cue, when the parser took
    a word inside a quotation for the cue's subject; else None."""
    if subject is None or _inside(verb.idx, quotes) or not _inside(subject.idx, quotes):
        return None
    closing = max((end for _start, end in quotes if end <= verb.idx), default=None)
    if closing is None:
        return None
    doc = verb.doc
    first = verb.i
    while first > 0 and doc[first - 1].idx >= closing:
        first -= 1
    words = [t for t in doc[first : verb.i] if not (t.is_punct or t.is_space)]
    while words and words[-1].dep_ in _CUE_PREFIX_DEPS and words[-1].head.i == verb.i:
        words.pop()
    return doc[words[0].i : words[-1].i + 1] if words else doc[verb.i : verb.i]


def _across_paragraphs(text: str, verb: Token, content: tuple[int, int]) -> bool:
    """Whether a blank line parts the cue from its content: a headline the parser ran
    into the first paragraph says nothing about it."""
    after = content[0] >= verb.idx
    between = text[verb.idx : content[0]] if after else text[content[1] : verb.idx]
    return "\n\n" in between


def _relative_object(verb: Token) -> tuple[int, int] | None:
    """Characters of the noun a relative clause's object stands for: in "a strategy,
    which the bank detailed in its filings" the bank detailed the strategy."""
    if verb.dep_ != "relcl" or not any(
        c.dep_ == "dobj" and c.lower_ in ("which", "that", "whom") and c.i < verb.i
        for c in verb.children
    ):
        return None
    noun = verb.head
    doc = verb.doc
    end = verb.left_edge.i
    while end > noun.i + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    start = noun.left_edge.i
    while start < end - 1 and doc[start].is_punct:
        start += 1
    return (doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))


def _subject_of_joined_clause(verb: Token, subject: Token) -> Token | None:
    """For a cue joined to an earlier verb ("..., but also said the base would open")
    whose subject the parser found after it, the subject of the verbs it is joined to;
    None otherwise. Only a cue set after a quotation or a comma ("“...,” said Jane")
    names its speaker after it."""
    if verb.dep_ != "conj" or subject.i < verb.i or subject.dep_ != "nsubj":
        return None
    doc = verb.doc
    if not any(t.dep_ == "cc" for t in doc[max(0, verb.i - 3) : verb.i]):
        return None  # "..., but also said", "and said"
    end = ext.sentence_of(doc, verb.i).end
    if not any(t.pos_ in ("AUX", "VERB") for t in doc[subject.right_edge.i + 1 : end]):
        return None  # nothing is said of the noun after the cue: it may be the speaker
    current = verb.head
    for _ in range(4):
        found = next((c for c in current.children if c.dep_ == "nsubj" and c.i < verb.i), None)
        if found is not None:
            return found
        if current.dep_ != "conj" or current.head.i == current.i:
            return None
        current = current.head
    return None


def _antecedent_of_that(subject: Token) -> Token:
    """The noun a relative "that" stands for: in "new rules that promise to transform
    the economy" the source is the rules ("who" and "which" stay as they are)."""
    if subject.lower_ == "that" and subject.head.dep_ == "relcl":
        return subject.head.head
    return subject


def _as_between(subject: Token, verb: Token) -> bool:
    """Whether an "as" opens the attribution between a subject the parser chose and its
    verb: "Hawaii, as one of the advisers pointed out, ..." (the speaker follows "as")."""
    doc = verb.doc
    return subject.i < verb.i and any(
        t.lower_ == "as" and doc[t.i - 1].text == "," and t.i + 1 < verb.i
        for t in doc[subject.right_edge.i + 1 : verb.i]
    )


def _quoted_speaker_phrase(
    verb: Token, parsed: Token | None, quotes: list[tuple[int, int]]
) -> tuple[int, int] | None:
    """Characters of the speaker phrase between a quotation and its cue, when the parser
    put the cue's subject inside the quotation."""
    between = _between_quote_and_cue(verb, parsed, quotes)
    if between is None or not len(between):
        return None
    return (between.start_char, between.end_char)


def _subject_left_of(verb: Token) -> Token | None:
    """The noun just before a verb the parser gave no subject: "In a meeting with the
    Post Trump said that ..." (where "Trump" was read as part of the phrase)."""
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and doc[i].dep_ in _CUE_PREFIX_DEPS and doc[i].head.i == verb.i:
        i -= 1
    if i < 0 or doc[i].pos_ not in ("PROPN", "NOUN") or doc[i].dep_ != "pobj":
        return None
    if not any(c.dep_ in _COMPLEMENT_DEPS and c.i > verb.i for c in verb.children):
        return None
    return doc[i]


def _speaker_span(head: Token) -> Span:
    """The speaker's name: the noun phrase without relative clauses or appositions."""
    doc = head.doc
    start = head.left_edge.i
    end = head.i + 1
    # keep close right-hand parts of a name: "spokesman for the army", not ", who ..."
    for child in head.rights:
        if child.dep_ in ("prep", "compound", "flat", "nummod", "poss", "appos") and child.i == end:
            end = child.right_edge.i + 1
        else:
            break
    # "witnesses and a Somali lawmaker", "Pakistan and China": joined speakers speak
    # together, the name is all of them
    joined = _joined_end(head, end)
    end = _mended_name_end(head, end) if joined == end else joined
    start = max(_after_last_newline(doc, start, end), _fallback_start(head))
    while start < end - 1 and (
        doc[start].is_punct or doc[start].dep_ == "preconj" or doc[start].lower_ == "both"
    ):
        start += 1
    return doc[start:end]


def _joined_end(head: Token, end: int) -> int:
    """The end of the noun joined to a speaker by "and" or "or" right after it ("and a
    Somali lawmaker"), or ``end`` when none is."""
    conjunction = next((c for c in head.rights if c.i == end and c.dep_ == "cc"), None)
    if conjunction is None or conjunction.lower_ not in ("and", "or"):
        return end
    joined = next(
        (
            c
            for c in head.rights
            if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN") and c.left_edge.i == end + 1
        ),
        None,
    )
    return end if joined is None else joined.right_edge.i + 1


def _mended_name_end(head: Token, end: int) -> int:
    """The small model sometimes splits a titled name into several subjects of the verb
    ("army spokesman Major Lior Ben-David told": spokesman, Lior, Ben, -, David each hang
    from "told"). Proper-name tokens that follow the subject straight up to the verb, all
    hanging from it, belong to the speaker's name."""
    doc = head.doc
    verb = head.head
    if verb.i == head.i or verb.i <= end:
        return end
    mended = end
    if (
        doc[end].text == ","
        and doc[end].head.i == head.i
        and any(t.ent_type_ == "PERSON" for t in doc[end + 1 : verb.i])
    ):
        # "Army Chief of Staff, General Mark Okoro said": the title, then the person
        mended = end = end + 1
    while mended < verb.i:
        token = doc[mended]
        inside = token.head.i == verb.i or end <= token.head.i < verb.i
        if not inside or token.dep_ not in _SPLIT_NAME_DEPS:
            return end
        if not (token.pos_ == "PROPN" or token.ent_type_ == "PERSON" or token.text in "-–"):
            return end
        mended += 1
    return mended


_SPLIT_NAME_DEPS = frozenset({"nsubj", "npadvmod", "compound", "appos", "punct", "nmod"})


def _speaker_name(subject: Token) -> Span:
    """The name a subject gives the speaker; a relative pronoun gives its noun's: "Luis
    Rubio, who heads the centre, said" is Luis Rubio (the span stays on "who")."""
    if subject.lower_ in _RELATIVE and subject.head.dep_ == "relcl":
        return _speaker_span(subject.head.head)
    return _speaker_span(subject)


def _speaker_phrase(head: Token, verb: Token | None = None) -> tuple[int, int]:
    """Characters of the whole noun phrase naming the speaker, appositions included:
    "Brian Fallon, the campaign's press secretary"; for "a report that says ..." the
    phrase stops before the clause that holds the cue."""
    doc = head.doc
    end = head.right_edge.i + 1
    if verb is not None and head.left_edge.i <= verb.i < end:
        end = next((c.left_edge.i for c in head.rights if c.left_edge.i <= verb.i), head.i + 1)
    end = _mended_name_end(head, end)
    start = max(_after_last_newline(doc, head.left_edge.i, end), _fallback_start(head))
    # a participle set off by commas, or a relative clause that reports speech of its
    # own, is not part of the name: "Trump, speaking to veterans, said", "Mr. Kamin, who
    # stressed that ..., said"; "Luis Rubio, who heads the centre," stays whole
    for token in doc[head.i + 1 : end]:
        if token.dep_ not in ("relcl", "acl") or doc[token.left_edge.i - 1].text != ",":
            continue
        if token.dep_ == "acl" or token.lemma_.lower() in reporting_lexicon().verbs:
            end = token.left_edge.i
            break
    # "Mr. Burman (a view echoed by everyone)": a remark in brackets is no part of the
    # name, a party and state ("(R-S.C.)") are
    for token in doc[head.i + 1 : end]:
        if token.text != "(":
            continue
        closing = next((t.i for t in doc[token.i : end] if t.text == ")"), end)
        if any(t.pos_ == "VERB" for t in doc[token.i : closing]):
            end = token.i
            break
    # a date is when the source spoke, not who it is: "a panel in 2001"
    last = doc[end - 1]
    if last.ent_type_ == "DATE" and last.head.dep_ == "prep" and last.head.head.i == head.i:
        end = min(end, last.head.i)
    # what the parser ran in before the name: "... predictable - Donald J. Trump"
    for token in doc[start : _name_start(head)]:
        if token.text in ("—", "–", "―", "-") and token.whitespace_:
            start = token.i + 1
    # "Both Mr. King and Mr. Schultz", "as Eric Garner": words that place the speaker
    # in the sentence, not part of the name
    while start < end - 1 and (
        doc[start].is_punct or doc[start].is_space or doc[start].dep_ in ("preconj", "mark")
    ):
        start += 1
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        if doc[end - 1].text == ")" and any(t.text == "(" for t in doc[start:end]):
            break  # "Sen. Lindsey Graham (R-S.C.)" keeps its bracket
        end -= 1
    if start >= end:
        start, end = head.i, head.i + 1  # the cuts left nothing: the head word alone
    return (doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))


def _name_start(head: Token) -> int:
    """The first word of a head noun with the compounds and titles before it."""
    start = head.i
    doc = head.doc
    while start > 0 and doc[start - 1].dep_ in ("compound", "flat", "nmod", "amod", "det", "poss"):
        if doc[start - 1].head.i < start - 1 or doc[start - 1].head.i > head.i:
            break
        start -= 1
    return start


def _fallback_start(head: Token) -> int:
    """Where a speaker the parser left inside a prepositional phrase begins: the start of
    the word itself. Other speakers start at their left edge."""
    doc = head.doc
    to = head.head
    according = to.lower_ == "to" and to.i > 0 and doc[to.i - 1].lower_ == "according"
    if head.dep_ != "pobj" or according:
        return head.left_edge.i
    return head.i


def _after_last_newline(doc: Doc, start: int, end: int) -> int:
    """Skip a heading, time stamp or quotation that the parser ran into the phrase:
    "11:05 a.m.\\n\\nTrump", "... unacceptable,” the spokesman"."""
    for i in range(end - 1, start - 1, -1):
        if "\n" in doc[i].text or "\n" in doc[i].whitespace_ or doc[i].text in ("”", "''"):
            return i + 1
    return start


def _cue_phrase(verb: Token) -> tuple[int, int]:
    """Characters of the cue with the auxiliaries, negation and adverbs just before it
    and a particle just after: "has also said", "did not deny", "pointed out"."""
    doc = verb.doc
    start = verb.i
    attached = {c.i for c in verb.children if c.dep_ in _CUE_PREFIX_DEPS}
    while start - 1 >= 0 and (start - 1) in attached:
        start -= 1
    end = verb.i + 1
    if end < len(doc) and doc[end].dep_ == "prt" and doc[end].head.i == verb.i:
        end += 1
    return (doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))


def _subtree_chars(complement: Token) -> tuple[int, int]:
    """A complement clause with its "that", without punctuation around it."""
    doc = complement.doc
    start, end = complement.left_edge.i, complement.right_edge.i + 1
    while start < end - 1 and doc[start].is_punct and doc[start].text not in ("“", '"'):
        start += 1
    while end > start + 1 and doc[end - 1].is_punct and doc[end - 1].text not in ("”", '"'):
        end -= 1
    return (doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))


def _characterised(verb: Token, preps: tuple[str, ...]) -> tuple[int, int] | None:
    """ "called the strike a massacre", "described the talks as useful", "blamed the
    army for the blast", "condemned what he called a breach": the object with what it is
    held to be; None when the verb has no such complement ("called a meeting")."""
    obj = next(
        (
            c
            for c in verb.children
            if c.dep_ == "dobj" and (c.i > verb.i or c.lower_ in ("what", "whatever"))
        ),
        None,
    )
    complement = next(
        (
            c
            for c in verb.children
            if c.i > verb.i and (c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ in preps))
        ),
        None,
    )
    if obj is None or complement is None:
        return None
    doc = verb.doc
    last = complement.right_edge
    while last.i > obj.i and last.is_punct and last.text not in ("”", '"'):
        last = doc[last.i - 1]
    return (obj.left_edge.idx, last.idx + len(last.text))


def _around_attribution(
    verb: Token, subject: Token, sent: Span, reporting: frozenset[str]
) -> tuple[int, int] | None:
    """What is said on either side of an attribution set off in its sentence:
    "The talks failed, he said." / "The talks, he said on Friday, failed."

    The attribution is the speaker, the cue and what only qualifies the saying (time,
    place, "in a statement", "told reporters"). Words before it count only when it is set
    off by a comma, a dash or a quotation mark; words after it only when they are not a
    new clause of speech (", adding that ...", which is a claim of its own)."""
    doc = verb.doc
    left = min(subject.left_edge.i, verb.i)
    while (
        left - 1 >= sent.start
        and doc[left - 1].dep_ in _CUE_PREFIX_DEPS
        and (doc[left - 1].head.i == verb.i)
    ):
        left -= 1
    right = max(verb.i, subject.right_edge.i)
    for child in verb.rights:
        if child.dep_ in _ATTRIBUTION_DEPS and child.i == right + 1:
            right = child.right_edge.i
    before = [t for t in doc[sent.start : left] if not (t.is_punct or t.is_space)]
    set_off = left > sent.start and doc[left - 1].text in (",", "—", "–", "”", '"', "―", "-")
    after_tokens = doc[right + 1 : sent.end]
    after = [t for t in after_tokens if not (t.is_punct or t.is_space)]
    if after:
        clause = after[0]
        while (
            clause.head.i != clause.i
            and sent.start <= clause.head.i < sent.end
            and (clause.head.i > right)
        ):
            clause = clause.head
        if clause.head.i == verb.i and clause.lemma_.lower() in reporting:
            after = []  # ", adding that ..." is its own claim
        elif clause.dep_ in ("advcl", "conj") and clause.head.i == verb.i:
            after = []  # a clause the speaker goes on to: its reach, not its content
    if not (before and set_off):
        before = []
    if len(before) + len(after) < 3:
        return None
    if not before and not (after_tokens and after_tokens[0].text in (",", ":", "—")):
        return None  # "He said on Friday the talks failed" has a complement the parser missed
    words = before + after
    while len(words) > 1 and words[0].pos_ == "CCONJ":
        words = words[1:]
    first, last = words[0], words[-1]
    return (first.idx, last.idx + len(last.text))


def _strip_chars(span: Span) -> tuple[int, int] | None:
    tokens = [t for t in span if not t.is_space]
    # "And more than half of it is wrong, according to ...": the conjunction joins the
    # sentence to the story, it is not part of what the source says
    while tokens and (tokens[0].is_punct or tokens[0].pos_ == "CCONJ"):
        tokens.pop(0)
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    if len(tokens) < 2:
        return None
    return (tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))


def _strip_span(span: Span) -> Span:
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end]


def _strip_text(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return (start, end)


def _trim_chars(text: str, start: int, end: int) -> tuple[int, int]:
    """Content without the comma or colon it ends on, nor surrounding space."""
    start, end = _strip_text(text, start, end)
    while end > start and text[end - 1] in " ,;:":
        end -= 1
    return (start, end)


def _words(span: Span) -> list[Token]:
    return [t for t in span if not t.is_punct and not t.is_space]


def _quoted(match: re.Match[str]) -> tuple[int, int]:
    """Characters inside the quotation marks of a match of ``_QUOTE``."""
    group = next(g for g in (1, 2, 3) if match.group(g) is not None)
    return match.span(group)


def _inside(char: int, quotes: list[tuple[int, int]]) -> bool:
    return any(start <= char < end for start, end in quotes)


def _overlaps_quote(content: tuple[int, int], quotes: list[tuple[int, int]]) -> bool:
    return any(start < content[1] and content[0] < end for start, end in quotes)


def _widen_to_quotes(content: tuple[int, int], quotes: list[tuple[int, int]]) -> tuple[int, int]:
    start, end = content
    for q_start, q_end in quotes:
        if q_start < content[1] and content[0] < q_end:
            start, end = min(start, q_start), max(end, q_end)
    return (start, end)


def _quote_content(text: str, start: int, end: int) -> tuple[int, int]:
    """A quotation without the comma or space it ends on before the closing mark."""
    while end > start and text[end - 1] in " ,;:":
        end -= 1
    return start, end


def _ends_utterance(text: str, start: int, end: int) -> bool:
    """A short quotation that is a reply, not a label: it closes on the comma, question
    or exclamation mark of speech (“I would,” she said. / “Why?” he asked), whereas a
    scare-quoted “rant” or a title carries no such mark."""
    inner = text[start:end].rstrip()
    return bool(inner) and inner[-1] in ",?!"


def _attributed_right_after(
    doc: Doc, q_end: int, verb: Token | None, subject: Token | None
) -> bool:
    """The words right after a quotation's closing mark are its attribution: “Why?”
    asked the minister / “I would,” Melanie said -- not “rant,” and the aide said."""
    if verb is None or subject is None or verb.idx < q_end:
        return False
    after = doc.char_span(q_end, verb.idx + len(verb.text), alignment_mode="expand")
    if after is None:
        return False
    first = next((t for t in after if not (t.is_punct or t.is_space)), None)
    return first is not None and (
        first.i == verb.i or subject.left_edge.i <= first.i <= subject.right_edge.i
    )


def _include_quote_marks(text: str, start: int, end: int) -> tuple[int, int]:
    if text[max(0, start - 2) : start] == "''":
        start -= 2
    elif start > 0 and text[start - 1] in '"“':
        start -= 1
    if text[end : end + 2] == "''":
        end += 2
    elif end < len(text) and text[end] in '"”':
        end += 1
    return start, end


@Language.factory(
    "totor_claims",
    requires=["token.dep", "token.lemma", "doc.sents"],
    assigns=["doc._.claims"],
    default_config={"resolve_pronouns": True},
)
def make_claim_finder(nlp: Language, name: str, resolve_pronouns: bool) -> ClaimFinder:
    return ClaimFinder(name=name, resolve_pronouns=resolve_pronouns)
