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


def terms(doc: Doc) -> list[str]:
    return [found.term.lower() for found in doc._.labels]


def test_fighters_alone_is_no_label_but_joins_an_affix_before_it(nlp: Language) -> None:
    doc = nlp("The rebel commander said 300 fighters had crossed the river overnight.")
    assert "fighters" not in terms(doc)
    doc = nlp("The Kabul government accuses its neighbour of sheltering anti-Kabul fighters.")
    assert "anti-kabul fighters" in terms(doc)


def test_insurgency_as_what_a_group_wages_is_no_label(nlp: Language) -> None:
    doc = nlp(
        "The Kurdistan Workers' Party ambushed a convoy on Monday. The separatist group has "
        "waged an insurgency since 1984."
    )
    assert "insurgency" not in terms(doc)
    assert "separatist group" in terms(doc)


def test_insurgency_named_for_the_group_is_a_label(nlp: Language) -> None:
    doc = nlp("A commander of the Taliban insurgency welcomed the prisoner exchange.")
    assert name_of(doc, label(doc, "insurgency").refers_to) == "Taliban"


def test_affix_on_a_place_is_no_label(nlp: Language) -> None:
    doc = nlp("The convoy was ambushed in a Houthi-controlled district north of the port.")
    assert "houthi-controlled" not in terms(doc)


def test_lowercase_affix_refers_to_the_actor_it_qualifies(nlp: Language) -> None:
    doc = nlp("The state-run news agency KCNA said the launch had succeeded.")
    assert name_of(doc, label(doc, "state-run").refers_to) == "KCNA"


def test_evaluative_adjective_on_a_person_is_a_label(nlp: Language) -> None:
    doc = nlp("Omar Diallo, the notorious head of a smuggling ring, was arrested in Dakar.")
    assert name_of(doc, label(doc, "notorious").refers_to) == "Omar Diallo"


def test_evaluative_adjective_on_a_possession_refers_to_the_owner(nlp: Language) -> None:
    doc = nlp("The opposition said Daniel Ortega's authoritarian rule had emptied the country.")
    assert "Ortega" in (name_of(doc, label(doc, "authoritarian").refers_to) or "")


def test_coordinated_adjectives_said_of_a_subject_are_one_label(nlp: Language) -> None:
    doc = nlp(
        "The senator said the World Bank is one of the most corrupt and abusive lending "
        "bodies on earth."
    )
    found = label(doc, "corrupt and abusive")
    assert name_of(doc, found.refers_to) == "World Bank"


def test_evaluative_adjective_on_a_thing_or_a_country_is_no_label(nlp: Language) -> None:
    doc = nlp("Thousands joined a peaceful march for a peaceful, prosperous Chad on Sunday.")
    assert "peaceful" not in terms(doc)


def test_adjective_before_like_refers_to_the_person_named(nlp: Language) -> None:
    doc = nlp("The minister said jails must hold ruthless smugglers like Omar Diallo for longer.")
    assert name_of(doc, label(doc, "ruthless").refers_to) == "Omar Diallo"


def test_label_after_including_refers_to_the_group_it_is_part_of(nlp: Language) -> None:
    doc = nlp("Police said 300 migrants, including 40 illegal aliens, were moved to a camp.")
    assert name_of(doc, label(doc, "illegal aliens").refers_to) == "migrants"


def test_label_with_no_actor_is_dropped(nlp: Language) -> None:
    doc = nlp("There were no signs the helicopter was downed by enemy fire, officials said.")
    assert "enemy" not in terms(doc)


def test_label_said_of_an_actor_refers_to_it(nlp: Language) -> None:
    doc = nlp("Hamas is a terrorist organization, Israel says.")
    assert name_of(doc, label(doc, "terrorist organization").refers_to) == "Hamas"
    doc = nlp("Washington designated the Houthis as a terrorist organization in January.")
    assert name_of(doc, label(doc, "terrorist organization").refers_to) == "Houthis"


def test_phrase_label_said_of_a_group(nlp: Language) -> None:
    doc = nlp("The warden described the inmates as the worst of the worst.")
    assert name_of(doc, label(doc, "the worst of the worst").refers_to) == "inmates"


def test_government_named_by_its_seat_is_a_label(nlp: Language) -> None:
    doc = nlp("The Tehran administration is sabotaging the talks, the minister said.")
    assert "tehran administration" in terms(doc)


def test_warring_parties_refer_to_an_armed_group_of_the_war(nlp: Language) -> None:
    doc = nlp(
        "The Rapid Support Forces has been fighting the army since April. Envoys urged the "
        "warring parties to let aid through."
    )
    assert name_of(doc, label(doc, "warring parties").refers_to) == "Rapid Support Forces"


def test_unnamed_paramilitary_force_is_no_label(nlp: Language) -> None:
    doc = nlp(
        "The Kurdistan Workers' Party said its men ambushed a truck carrying a paramilitary "
        "force near Van."
    )
    assert "paramilitary" not in terms(doc)


def test_gang_alone_is_no_label(nlp: Language) -> None:
    doc = nlp("The council urged the government to bring gang violence under control.")
    assert "gang" not in terms(doc)


def test_affix_said_of_a_subject_refers_to_it_not_to_the_name_inside(nlp: Language) -> None:
    doc = nlp("Congress has become so anti-Turkish, the minister said.")
    assert name_of(doc, label(doc, "anti-Turkish").refers_to) == "United States Congress"


def test_label_of_unnamed_nations_refers_to_the_countries_just_named(nlp: Language) -> None:
    doc = nlp(
        "Guinea and Gabon were suspended from the bloc in 2023. The two military-led "
        "countries called the decision unjust."
    )
    assert name_of(doc, label(doc, "military-led").refers_to) in ("Guinea", "Gabon")


def test_possessor_of_a_label_is_the_group_it_belongs_to(nlp: Language) -> None:
    doc = nlp("The Pentagon said Wagner's hired guns had fought in Libya for three years.")
    assert name_of(doc, label(doc, "hired guns").refers_to) == "Wagner Group"


def test_evaluative_adjective_joins_the_term_after_it(nlp: Language) -> None:
    doc = nlp("The minister called North Korea a brutal rogue state on Sunday.")
    found = label(doc, "brutal rogue state")
    assert "Korea" in (name_of(doc, found.refers_to) or "")


def test_watchdog_refers_to_the_name_in_apposition(nlp: Language) -> None:
    doc = nlp("The media watchdog Reporters Without Borders said 50 journalists were jailed.")
    found = label(doc, "media watchdog")
    assert name_of(doc, found.refers_to) == "Reporters Without Borders"


def test_generic_label_before_any_name_refers_to_the_group_of_the_article(nlp: Language) -> None:
    doc = nlp(
        "Militants stormed a police post on Tuesday. The Kurdistan Workers' Party said it "
        "held two officers. The Kurdistan Workers' Party has attacked posts before."
    )
    found = label(doc, "Militants")
    assert "Kurdistan" in (name_of(doc, found.refers_to) or "")


def test_label_for_another_group_does_not_take_the_group_named_before(nlp: Language) -> None:
    doc = nlp(
        "The Kurdistan Workers' Party attacked a post on Tuesday. Police said a similar "
        "terrorist cell was broken up in Izmir last year."
    )
    assert "terrorist cell" not in terms(doc)


def test_label_introducing_its_own_name_does_not_take_another_group(nlp: Language) -> None:
    doc = nlp(
        "The Kurdistan Workers' Party attacked a post on Tuesday. Police broke up a terrorist "
        'cell calling itself "the Falcons of the Mountain" in Izmir.'
    )
    assert "terrorist cell" not in terms(doc)


def test_criminals_are_people_not_the_gang_named_before(nlp: Language) -> None:
    doc = nlp(
        "Many of the prisoners belong to the street gang MS-13. The minister said the island "
        "was the right place to hold criminals awaiting trial."
    )
    assert "criminals" not in terms(doc)


def test_pro_forces_are_not_the_state_forces_named_inside(nlp: Language) -> None:
    doc = nlp("Pro-Russian forces shelled the town overnight, Ukraine said.")
    names = [name_of(doc, found.refers_to) for found in doc._.labels]
    assert "Russian Armed Forces" not in names
