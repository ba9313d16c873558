"""``totor_labels``: the words each source uses for an actor.

"20 terrorists killed", per the army, and "Hamas-run health officials" are labels: the
term, the actor it refers to, and the claim it appears in. Terms live in
``data/labels.json``.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Token

from totor.model import Label
from totor.nlp import extensions as ext
from totor.nlp.lexicon import load_json


@cache
def _affix_pattern() -> re.Pattern[str]:
    data = load_json("labels.json")
    affixes = "|".join(map(re.escape, data["affixes"]))
    prefixes = "|".join(map(re.escape, data["prefixes"]))
    # "Hamas-run", "Iran-backed", "Kremlin-installed", "pro-Russian", "anti-government";
    # a capitalised article or preposition before the name is not part of it ("The Hamas-run")
    return re.compile(
        rf"\b(?:(?!(?:The|A|An|This|That|Its|Their|Our|In|On|By)\s)"
        rf"[A-Z][\w'’.]*(?:\s[A-Z][\w'’.]*)?-(?:{affixes})|(?:{prefixes})-[A-Za-z][\w]*)\b"
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
        self.armed_words = frozenset(data["armed_words"])

    def __call__(self, doc: Doc) -> Doc:
        found: list[tuple[int, int, Token]] = []
        for _, start, end in [*self.matcher(doc), *self.compound(doc)]:
            found.append((doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text), doc[end - 1]))
        for match in _affix_pattern().finditer(ext.doc_text(doc)):
            span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if span is not None:
                found.append((match.start(), match.end(), span[-1]))
        labels: list[Label] = []
        taken: list[tuple[int, int]] = []
        # longest first, so "terror group" wins over "group" inside it
        for start, end, last in sorted(found, key=lambda f: (f[0] - f[1], f[0])):
            if any(s < end and start < e for s, e in taken):
                continue
            taken.append((start, end))
            entity = self._refers_to(doc, start, end, last)
            claim = ext.claim_covering(doc, start, end)
            labels.append(
                Label(
                    id="",
                    term=ext.doc_text(doc)[start:end],
                    refers_to=entity,
                    claim=claim.id if claim else None,
                    span=(start, end),
                )
            )
        labels.sort(key=lambda label: label.span[0])
        for n, label in enumerate(labels, start=1):
            label.id = f"l{n}"
        doc._.labels = labels
        return doc

    def _refers_to(self, doc: Doc, start: int, end: int, last: Token) -> str | None:
        """The actor a label describes: the noun it modifies, else the label itself."""
        if last.dep_ in ("amod", "compound") or last.pos_ in ("ADJ", "VERB"):
            head = last.head
            entity = ext.entity_at(doc, head.idx, head.idx + len(head.text))
            if entity is not None:
                return entity.id
        entity = ext.entity_at(doc, start, end)
        if entity is not None and not entity.name.startswith("unidentified"):
            return entity.id
        # 'the Islamist militant group al-Shabab', 'a terrorist group, the BLA', 'jihadist
        # groups, including Boko Haram': the name that follows in apposition
        nxt = last.i + 1
        while nxt < len(doc) and nxt <= last.i + 3 and doc[nxt].lower_ in _BEFORE_NAME:
            nxt += 1
        if nxt < len(doc) and nxt <= last.i + 4:
            named = ext.entity_at(doc, doc[nxt].idx, doc[nxt].idx + len(doc[nxt].text))
            if named is not None and named.kind != "person":
                return named.id
        if entity is not None:
            return entity.id
        words = ext.doc_text(doc)[start:end].lower().replace("-", " ").split()
        if any(w in self.armed_words for w in words):
            return _last_armed_group(doc, start)
        return None


#: words between a label and the name it stands in apposition to
_BEFORE_NAME = frozenset({",", "the", "(", "including", "such", "as", "notably", "like", "namely"})


def _last_armed_group(doc: Doc, before: int) -> str | None:
    """The armed group mentioned last before a character offset."""
    best: str | None = None
    best_at = -1
    for entity in ext.entities(doc):
        if entity.kind != "armed_group" or entity.name.startswith("unidentified"):
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
