"""totor_labels alone (with the actors it refers to), on sentences written for these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from totor.model import Label
from totor.nlp.pipeline import shared_nlp
from totor.options import PipelineOptions


@pytest.fixture(scope="session")
def nlp() -> Language:
    return shared_nlp(
        PipelineOptions(components=("totor_places", "totor_actors", "totor_claims", "totor_labels"))
    )


def label(doc: Doc, term: str) -> Label:
    for found in doc._.labels:
        if found.term.lower() == term.lower():
            return found
    raise AssertionError(f"no label {term!r}: {[f.term for f in doc._.labels]}")


def name_of(doc: Doc, entity_id: str | None) -> str | None:
    return next((e.name for e in doc._.entities if e.id == entity_id), None)


def test_terrorists_per_the_army_is_a_label_inside_its_claim(nlp: Language) -> None:
    doc = nlp("The army said its jets killed 20 terrorists near the border on Monday.")
    found = label(doc, "terrorists")
    assert doc.text[found.span[0] : found.span[1]] == "terrorists"
    claim = next((c for c in doc._.claims if c.id == found.claim), None)
    assert claim is not None and "army" in claim.speaker.lower()


def test_hamas_run_refers_to_the_ministry_it_qualifies(nlp: Language) -> None:
    doc = nlp("The Hamas-run Gaza Health Ministry said 31 people were killed overnight.")
    found = label(doc, "Hamas-run")
    assert name_of(doc, found.refers_to) == "Gaza Health Ministry"


def test_compound_label_is_one_term_naming_the_group_after_it(nlp: Language) -> None:
    doc = nlp("The Islamist militant group al-Shabab claimed the attack on the base.")
    found = label(doc, "Islamist militant group")
    assert name_of(doc, found.refers_to) == "al-Shabab"


def test_group_label_refers_back_to_the_armed_group_named_before(nlp: Language) -> None:
    doc = nlp(
        "The Baloch Liberation Army said it seized the train. The separatist group has "
        "waged an insurgency for decades."
    )
    found = label(doc, "separatist group")
    assert name_of(doc, found.refers_to) == "Balochistan Liberation Army"


def test_neutral_words_are_not_labels(nlp: Language) -> None:
    doc = nlp("The minister met farmers and teachers in the capital on Wednesday.")
    assert doc._.labels == []


def test_a_label_before_including_refers_to_the_group_named(nlp: Language) -> None:
    doc = nlp("Jihadist groups, including Boko Haram, have attacked villages across the region.")
    assert name_of(doc, label(doc, "Jihadist groups").refers_to) == "Boko Haram"
