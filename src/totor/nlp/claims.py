"""``totor_claims``: who says what. Direct quotes, indirect speech and "according to".

A claim has a speaker (resolved to an entity when one is named, and through pronouns to
the last compatible actor), a cue ("said", "according to") and a content span. Later
components tie events, figures and labels to the claim whose span covers them.
Cue words live in ``data/reporting.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from totor.model import Claim, Entity
from totor.nlp import extensions as ext
from totor.nlp.lexicon import load_json

# straight and curly double quotes; a quote must hold at least two words to count
_QUOTE = re.compile(r"[\"“”]([^\"“”]{3,}?)[\"“”]")
_SPEAKER_DEPS = ("nsubj",)
_CONTENT_DEPS = ("ccomp",)


@dataclass(frozen=True)
class ReportingLexicon:
    verbs: frozenset[str]
    denial: frozenset[str]
    roles: frozenset[str]


@cache
def reporting_lexicon() -> ReportingLexicon:
    data = load_json("reporting.json")
    return ReportingLexicon(
        verbs=frozenset(data["verbs"]),
        denial=frozenset(data["denial"]),
        roles=frozenset(data["roles"]),
    )


@dataclass
class _Draft:
    """A claim before ids are given and duplicates removed."""

    speaker: Span
    cue: Span
    content: tuple[int, int]  # characters
    kind: str
    reach: int = 0  # last character the attribution still covers (a trailing clause)


class ClaimFinder:
    def __init__(self, name: str = "totor_claims", resolve_pronouns: bool = True) -> None:
        self.name = name
        self.resolve_pronouns = resolve_pronouns
        self.lexicon = reporting_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        quotes = [(m.start(1), m.end(1)) for m in _QUOTE.finditer(ext.doc_text(doc))]
        drafts: list[_Draft] = []
        for sent in doc.sents:
            drafts.extend(self._according_to(sent))
            drafts.extend(self._reported_speech(sent, quotes))
        drafts.extend(self._quotes_without_complement(doc, quotes, drafts))
        doc._.claims = self._assemble(doc, drafts, quotes)
        return doc

    # -- finding -----------------------------------------------------------------------

    def _reported_speech(self, sent: Span, quotes: list[tuple[int, int]]) -> list[_Draft]:
        drafts = []
        for token in sent:
            if token.pos_ not in ("VERB", "AUX") or token.lemma_.lower() not in self.lexicon.verbs:
                continue
            if _inside(token.idx, quotes):
                continue  # a verb inside a quotation is part of what was said
            subject = next((c for c in token.children if c.dep_ in _SPEAKER_DEPS), None)
            if subject is None:
                continue
            complement = next((c for c in token.children if c.dep_ in _CONTENT_DEPS), None)
            if complement is None:
                continue
            content = _content_chars(complement)
            kind = "direct" if _overlaps_quote(content, quotes) else "indirect"
            if kind == "direct":
                content = _quote_content(ext.doc_text(token.doc), *_widen_to_quote(content, quotes))
            # "Tanks entered Rafah, the army said, killing 20": the trailing clause is
            # part of what the army says
            reach = max(
                (
                    c.right_edge.idx + len(c.right_edge.text)
                    for c in token.rights
                    if c.dep_ in ("advcl", "conj", "xcomp") and complement.i < token.i
                ),
                default=0,
            )
            drafts.append(
                _Draft(
                    _speaker_span(subject), token.doc[token.i : token.i + 1], content, kind, reach
                )
            )
        return drafts

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
            phrase_start = token.i
            phrase_end = max(speaker.end, to.i + 1)
            # the content is the rest of the sentence, on whichever side of the phrase
            before = sent.doc[sent.start : phrase_start]
            after = sent.doc[phrase_end : sent.end]
            content_span = before if len(_words(before)) >= len(_words(after)) else after
            content = _strip_chars(content_span)
            if content is None:
                continue
            cue = token.doc[token.i : token.i + 2]
            drafts.append(_Draft(speaker, cue, content, "according_to"))
        return drafts

    def _quotes_without_complement(
        self, doc: Doc, quotes: list[tuple[int, int]], drafts: list[_Draft]
    ) -> list[_Draft]:
        """“We will go on,” he said. -- the quote is the content of the nearby 'said'."""
        found = []
        covered = [d.content for d in drafts]
        for q_start, q_end in quotes:
            if len(ext.doc_text(doc)[q_start:q_end].split()) < 3:
                continue  # a scare-quoted word is a label, not a claim
            if any(c[0] <= q_start and q_end <= c[1] for c in covered):
                continue
            content = _quote_content(ext.doc_text(doc), q_start, q_end)
            verb = self._verb_near_quote(doc, q_start, q_end, quotes)
            subject = None
            if verb is not None:
                subject = next((c for c in verb.children if c.dep_ in _SPEAKER_DEPS), None)
            if verb is not None and subject is not None:
                found.append(
                    _Draft(_speaker_span(subject), doc[verb.i : verb.i + 1], content, "direct")
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
                and "\n" not in ext.doc_text(doc)[previous.content[1] : q_start]
                and (q_start - previous.content[1] < 200)
            ):
                found.append(_Draft(previous.speaker, previous.cue, content, "direct"))
        return found

    def _verb_near_quote(
        self, doc: Doc, q_start: int, q_end: int, quotes: list[tuple[int, int]]
    ) -> Token | None:
        """A reporting verb after the quote in the sentence it closes, or before it in the
        sentence it opens: “We will go on,” he said. / He said: “We will go on.”"""
        closing = doc.char_span(q_end - 1, q_end, alignment_mode="expand")
        if closing is not None:
            sentence = ext.sentence_of(doc, closing.end - 1)
            for token in doc[closing.end : sentence.end]:
                if "\n" in token.text:
                    break
                if self._is_cue(token) and not _inside(token.idx, quotes):
                    return token
        opening = doc.char_span(q_start, q_start + 1, alignment_mode="expand")
        if opening is not None:
            sentence = ext.sentence_of(doc, opening.start)
            for token in reversed(doc[sentence.start : opening.start]):
                if "\n" in token.text:
                    break
                if self._is_cue(token) and not _inside(token.idx, quotes):
                    return token
        return None

    def _is_cue(self, token: Token) -> bool:
        return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in self.lexicon.verbs

    # -- assembling --------------------------------------------------------------------

    def _assemble(
        self, doc: Doc, drafts: list[_Draft], quotes: list[tuple[int, int]]
    ) -> list[Claim]:
        claims: list[Claim] = []
        seen: set[tuple[int, int]] = set()
        for draft in sorted(drafts, key=lambda d: d.content[0]):
            if draft.content in seen or draft.content[1] - draft.content[0] < 2:
                continue
            seen.add(draft.content)
            speaker_text, entity = self._speaker(doc, draft.speaker)
            start = min(draft.speaker.start_char, draft.cue.start_char, draft.content[0])
            end = max(draft.speaker.end_char, draft.cue.end_char, draft.content[1], draft.reach)
            if draft.kind == "direct":
                start, end = _include_quote_marks(ext.doc_text(doc), start, end)
            claims.append(
                Claim(
                    id=f"c{len(claims) + 1}",
                    speaker=speaker_text,
                    speaker_entity=entity.id if entity else None,
                    cue=draft.cue.text,
                    kind=draft.kind,  # type: ignore[arg-type]
                    content=draft.content,
                    span=(start, end),
                    speaker_span=(draft.speaker.start_char, draft.speaker.end_char),
                    cue_span=(draft.cue.start_char, draft.cue.end_char),
                )
            )
        return claims

    def _speaker(self, doc: Doc, speaker: Span) -> tuple[str, Entity | None]:
        """The speaker's name and entity; a pronoun takes the last compatible actor's."""
        head = speaker.root
        if head.pos_ == "PRON" and head.lower_ in ext.PRONOUN_CLASS:
            if not self.resolve_pronouns:
                return speaker.text, None
            antecedent = ext.antecedent(doc, head.idx, head.lower_)
            if antecedent is None:
                return speaker.text, None
            return antecedent.name, antecedent
        return speaker.text, self._speaker_entity(doc, speaker)

    def _speaker_entity(self, doc: Doc, speaker: Span) -> Entity | None:
        inside: list[Entity] = []
        for token in speaker:
            entity = ext.entity_at(doc, token.idx, token.idx + len(token.text))
            if entity is not None and entity not in inside:
                inside.append(entity)
        if not inside:
            return None
        has_role = any(t.lower_ in self.lexicon.roles for t in speaker)
        if has_role:
            # "IDF spokesman Daniel Hagari" speaks for the IDF
            organisations = [e for e in inside if e.kind not in ("person", "people")]
            if organisations:
                return organisations[0]
        root_entity = ext.entity_at(
            doc, speaker.root.idx, speaker.root.idx + len(speaker.root.text)
        )
        return root_entity or inside[0]


def _speaker_span(head: Token) -> Span:
    """The speaker's noun phrase, without trailing relative clauses or appositions."""
    doc = head.doc
    start = head.left_edge.i
    end = head.i + 1
    # keep close right-hand parts of a name: "spokesman for the army", not ", who ..."
    for child in head.rights:
        if child.dep_ in ("prep", "compound", "flat", "nummod", "poss", "appos") and child.i == end:
            end = child.right_edge.i + 1
        else:
            break
    while start < end and doc[start].is_punct:
        start += 1
    return doc[start:end]


def _content_chars(complement: Token) -> tuple[int, int]:
    tokens = list(complement.subtree)
    start, end = tokens[0].i, tokens[-1].i + 1
    doc = complement.doc
    while start < end and (
        (doc[start].lower_ == "that" and doc[start].dep_ == "mark") or doc[start].is_punct
    ):
        start += 1
    while end > start and doc[end - 1].is_punct and doc[end - 1].text not in ("”", '"'):
        end -= 1
    if end <= start:
        return (complement.idx, complement.idx + len(complement.text))
    return (doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))


def _strip_chars(span: Span) -> tuple[int, int] | None:
    tokens = [t for t in span if not t.is_space]
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    if len(tokens) < 2:
        return None
    return (tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))


def _words(span: Span) -> list[Token]:
    return [t for t in span if not t.is_punct and not t.is_space]


def _inside(char: int, quotes: list[tuple[int, int]]) -> bool:
    return any(start <= char < end for start, end in quotes)


def _overlaps_quote(content: tuple[int, int], quotes: list[tuple[int, int]]) -> bool:
    return any(start < content[1] and content[0] < end for start, end in quotes)


def _widen_to_quote(content: tuple[int, int], quotes: list[tuple[int, int]]) -> tuple[int, int]:
    for start, end in quotes:
        if start < content[1] and content[0] < end:
            return (min(start, content[0]), max(end, content[1]))
    return content


def _quote_content(text: str, start: int, end: int) -> tuple[int, int]:
    """A quotation without the comma or space it ends on before the closing mark."""
    while end > start and text[end - 1] in " ,;:":
        end -= 1
    return start, end


def _include_quote_marks(text: str, start: int, end: int) -> tuple[int, int]:
    if start > 0 and text[start - 1] in '"“':
        start -= 1
    if end < len(text) and text[end] in '"”':
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
