"""totor_actors alone, on sentences written for these tests in the style of wire reports."""

from __future__ import annotations

import pytest
from spacy.language import Language

from totor.model import Entity
from totor.nlp.actors import canonical_actor
from totor.nlp.pipeline import shared_nlp
from totor.options import PipelineOptions


@pytest.fixture(scope="session")
def nlp() -> Language:
    return shared_nlp(PipelineOptions(components=("totor_places", "totor_actors")))


def actors(nlp: Language, text: str) -> list[Entity]:
    return list(nlp(text)._.entities)


def mentions(entities: list[Entity], text: str) -> list[tuple[str, Entity]]:
    """Every mention as (its text, the entity it names)."""
    return [(text[s:e], entity) for entity in entities for s, e in entity.mentions]


def by_surface(entities: list[Entity], text: str, surface: str) -> Entity:
    for entity in entities:
        if any(text[s:e] == surface for s, e in entity.mentions):
            return entity
    raise AssertionError(f"no entity has the mention {surface!r}: {entities}")


def test_many_names_of_the_israeli_military_are_one_actor(nlp: Language) -> None:
    text = (
        "Israel's military said on Sunday that the Israeli army had pushed deeper into the "
        "city. The IDF said troops of the 401st Armored Brigade destroyed a tunnel."
    )
    entities = actors(nlp, text)
    ids = {
        by_surface(entities, text, s).id
        for s in ("Israel's military", "Israeli army", "IDF", "401st Armored Brigade")
    }
    assert len(ids) == 1
    assert by_surface(entities, text, "IDF").kind == "military"


def test_group_name_with_member_noun_is_the_group(nlp: Language) -> None:
    text = "Hamas gunmen crossed the fence at dawn, and Hamas militants later fired rockets."
    entities = actors(nlp, text)
    first = by_surface(entities, text, "Hamas gunmen")
    assert first is by_surface(entities, text, "Hamas militants")
    assert first.name == "Hamas" and first.kind == "armed_group"


def test_demonym_with_troops_is_that_countrys_military(nlp: Language) -> None:
    text = "Pakistani troops returned fire near the border post, officials said."
    entity = by_surface(actors(nlp, text), text, "Pakistani troops")
    assert entity.kind == "military" and entity.country == "PK"


def test_the_army_refers_back_to_the_military_named_before(nlp: Language) -> None:
    text = "Sudanese soldiers shelled the market. The army later denied targeting civilians."
    entities = actors(nlp, text)
    assert by_surface(entities, text, "army") is by_surface(entities, text, "Sudanese soldiers")


def test_unnamed_security_forces_stand_for_the_state_the_report_is_about(
    nlp: Language,
) -> None:
    text = (
        "Protests spread across Myanmar on Friday. In Mandalay, security forces fired "
        "rubber bullets, witnesses in Myanmar said."
    )
    entity = by_surface(actors(nlp, text), text, "security forces")
    assert entity.kind == "military" and entity.country == "MM"


def test_surname_mention_merges_with_full_name(nlp: Language) -> None:
    text = (
        "Kenyan Interior Minister Kithure Kindiki visited the camp on Monday. "
        "Kindiki promised more police patrols."
    )
    entities = actors(nlp, text)
    full = by_surface(entities, text, "Kithure Kindiki")
    assert full.kind == "person"
    assert by_surface(entities, text, "Kindiki") is full


def test_us_in_capitals_is_the_country_but_lowercase_us_is_not(nlp: Language) -> None:
    text = "The US warned on Tuesday that the talks could fail. Let us wait, a diplomat said."
    entities = actors(nlp, text)
    assert by_surface(entities, text, "US").name == "United States"
    assert not any(surface == "us" for surface, _ in mentions(entities, text))


def test_government_institutions_of_a_country(nlp: Language) -> None:
    text = "A Turkish court jailed the journalist, and Kenyan authorities deported two men."
    entities = actors(nlp, text)
    court = by_surface(entities, text, "Turkish court")
    authorities = by_surface(entities, text, "Kenyan authorities")
    assert (court.country, court.kind) == ("TR", "government")
    assert (authorities.country, authorities.kind) == ("KE", "government")
    assert court is not authorities


def test_capital_as_subject_stands_for_its_government(nlp: Language) -> None:
    text = "Beijing rejected the accusation on Thursday."
    entity = by_surface(actors(nlp, text), text, "Beijing")
    assert entity.country == "CN" and entity.kind == "government"


def test_title_before_an_org_label_is_not_an_organization(nlp: Language) -> None:
    text = "Defense Secretary Pete Hegseth said the strikes would continue."
    entities = actors(nlp, text)
    assert not any(e.name == "Defense" for e in entities)
    assert by_surface(entities, text, "Pete Hegseth").kind == "person"


def test_places_tagged_person_are_not_persons(nlp: Language) -> None:
    text = "Gunmen attacked a village near Maiduguri, and residents fled to Maiduguri."
    entities = actors(nlp, text)
    assert not any(
        e.kind == "person" and text[s:e2] == "Maiduguri" for e in entities for s, e2 in e.mentions
    )


@pytest.mark.parametrize(
    ("written", "same_as"),
    [
        ("the Israeli army", "IDF"),
        ("Hamas militants", "Hamas"),
        ("Pakistani troops", "Pakistan's army"),
        ("U.S. lawmakers", "Congress"),
        ("Haitian police", "Haitian National Police"),
        ("the U.N.", "United Nations"),
        ("Beijing", "Chinese government"),
        ("IS-Somalia", "Islamic State Somalia Province"),
    ],
)
def test_canonical_actor_maps_usual_names_to_one_name(written: str, same_as: str) -> None:
    assert canonical_actor(written) is not None
    assert canonical_actor(written) == canonical_actor(same_as)


def test_canonical_actor_keeps_case_of_acronyms_and_knows_unknowns() -> None:
    assert canonical_actor("US") == "United States"
    assert canonical_actor("us") is None
    assert canonical_actor("WHO") == "World Health Organization"
    assert canonical_actor("who") is None
    assert canonical_actor("Zorblax Liberation Collective") is None


def test_coup_plotters_are_not_the_gang_the_article_names(nlp: Language) -> None:
    text = (
        "Al-Shabab claimed the attack on a base near Mogadishu on Monday. Gunmen stormed "
        "the gate at dawn. Separately, police held three coup plotters in the capital."
    )
    entities = actors(nlp, text)
    plotters = by_surface(entities, text, "coup plotters")
    assert plotters.name == "coup plotters"
    # plain 'gunmen' are still the one armed group the story names
    assert by_surface(entities, text, "Gunmen").name == "al-Shabab"


def test_prison_guards_alone_are_the_state_s_police(nlp: Language) -> None:
    text = "Armed inmates in Haiti exchanged fire with prison guards on Thursday."
    guards = by_surface(actors(nlp, text), text, "prison guards")
    assert guards.kind == "government"
    assert guards.country == "HT"


def test_a_named_storm_is_no_actor(nlp: Language) -> None:
    text = "Hurricane Melissa tore through Jamaica on Tuesday, the Jamaican government said."
    entities = actors(nlp, text)
    assert not any("Melissa" in surface for surface, _ in mentions(entities, text))


def test_a_later_bare_surname_is_the_person_named_in_full(nlp: Language) -> None:
    text = (
        "President Jovenel Moise addressed the nation on Sunday. "
        "Opposition leaders blamed Moise for the prison break."
    )
    entities = actors(nlp, text)
    full = by_surface(entities, text, "Jovenel Moise")
    assert by_surface(entities, text, "Moise").id == full.id
    assert len(full.mentions) == 2


def test_the_minister_refers_back_to_the_person_with_that_title(nlp: Language) -> None:
    text = (
        "Foreign Minister Amina Diallo arrived in Dakar on Monday. "
        "The minister is expected to meet her Gambian counterpart."
    )
    entities = actors(nlp, text)
    assert by_surface(entities, text, "minister").name == "Amina Diallo"


def test_a_title_in_apposition_is_remembered(nlp: Language) -> None:
    text = (
        "Amina Diallo, the country's foreign minister, criticised the vote. "
        "Later the minister left for Paris."
    )
    entities = actors(nlp, text)
    assert by_surface(entities, text, "minister").name == "Amina Diallo"


def test_a_bare_title_with_no_person_named_before_is_no_actor(nlp: Language) -> None:
    text = "The minister is expected to arrive on Monday."
    assert not [e for e in actors(nlp, text) if e.kind == "person"]


def test_party_lawmakers_are_an_actor_of_their_own(nlp: Language) -> None:
    text = "Republican lawmakers praised the agreement on Tuesday."
    entity = by_surface(actors(nlp, text), text, "lawmakers")
    assert entity.name == "Republican lawmakers"
    assert entity.kind == "government"


def test_a_capital_on_the_other_side_of_an_act_is_its_government(nlp: Language) -> None:
    text = "Turkey threatened retaliation against Washington on Wednesday."
    entity = by_surface(actors(nlp, text), text, "Washington")
    assert entity.country == "US"
    assert entity.kind == "government"


def test_a_capital_where_something_happened_is_no_actor(nlp: Language) -> None:
    text = "Heavy fighting was reported in Kyiv on Wednesday."
    assert not any(surface == "Kyiv" for surface, _ in mentions(actors(nlp, text), text))


@pytest.mark.parametrize("noun", ["journalist", "activist", "reporter"])
def test_a_single_journalist_or_activist_is_an_actor(nlp: Language, noun: str) -> None:
    text = f"Police detained a {noun} outside the courthouse on Friday."
    entity = by_surface(actors(nlp, text), text, noun)
    assert entity.kind == "people"


def test_a_weapon_system_is_no_actor(nlp: Language) -> None:
    text = "Turkey bought the S-400 from Russia, and the G7 objected."
    entities = actors(nlp, text)
    assert not any(surface == "S-400" for surface, _ in mentions(entities, text))


def test_a_description_of_an_armed_group_refers_back_to_it(nlp: Language) -> None:
    text = (
        "Al-Shabab fighters attacked a convoy on Monday. "
        "In a statement, the banned separatist militant outfit said it had taken 40 hostages."
    )
    entities = actors(nlp, text)
    assert by_surface(entities, text, "banned separatist militant outfit").name == (
        by_surface(entities, text, "Al-Shabab fighters").name
    )


def test_a_description_without_an_armed_word_refers_to_nobody(nlp: Language) -> None:
    text = "Al-Shabab attacked a convoy. The advocacy group condemned it."
    entities = actors(nlp, text)
    assert not any(
        surface == "advocacy group" and entity.kind == "armed_group"
        for surface, entity in mentions(entities, text)
    )


def test_a_capital_that_leads_is_its_government(nlp: Language) -> None:
    text = "The militia is an ally in the Washington-led war against the jihadists."
    entity = by_surface(actors(nlp, text), text, "Washington")
    assert entity.country == "US"


def test_local_clan_militias_are_not_the_group_they_fight(nlp: Language) -> None:
    text = "Somali soldiers, backed by local clan militias, pushed al-Shabab out of the town."
    entities = actors(nlp, text)
    assert (
        by_surface(entities, text, "militias").name != by_surface(entities, text, "al-Shabab").name
    )


def test_a_title_after_a_closing_quote_belongs_to_the_next_speaker(nlp: Language) -> None:
    text = (
        '"It shows the need to hold prisoners like Ali Musa," the spokesperson said. '
        "Later the spokesperson added that talks would resume."
    )
    entities = actors(nlp, text)
    assert not any(
        surface == "spokesperson" and entity.name == "Ali Musa"
        for surface, entity in mentions(entities, text)
    )


def test_the_prime_minister_is_not_the_foreign_minister(nlp: Language) -> None:
    text = (
        "Foreign Minister Amina Diallo arrived in Dakar on Monday. "
        "The prime minister condemned the attack."
    )
    entities = actors(nlp, text)
    assert not any(
        surface == "prime minister" and entity.name == "Amina Diallo"
        for surface, entity in mentions(entities, text)
    )


def test_a_banned_opposition_movement_is_not_the_armed_group(nlp: Language) -> None:
    text = (
        "Al-Shabab fighters attacked a base on Monday. "
        "Police arrested members of the banned opposition movement in the capital."
    )
    entities = actors(nlp, text)
    assert not any(
        "movement" in surface and entity.kind == "armed_group"
        for surface, entity in mentions(entities, text)
    )


def test_m23_spelled_with_a_hyphen_is_still_the_rebel_group(nlp: Language) -> None:
    assert canonical_actor("M-23") == canonical_actor("M23")
