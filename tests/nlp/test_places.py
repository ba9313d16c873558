"""totor_places alone, after the spaCy model, with the gazetteer built in a temporary cache."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
import spacy
from spacy.language import Language

import totor.nlp.places  # noqa: F401  (registers the factory)
from totor.model import Place
from totor.nlp.pipeline import resolve_model


@pytest.fixture(scope="session")
def nlp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Language]:
    previous = os.environ.get("TOTOR_CACHE")
    os.environ["TOTOR_CACHE"] = str(tmp_path_factory.getbasetemp() / "totor-cache")
    pipeline = spacy.load(resolve_model(None))
    pipeline.add_pipe("totor_places")
    yield pipeline
    if previous is None:
        os.environ.pop("TOTOR_CACHE", None)
    else:
        os.environ["TOTOR_CACHE"] = previous


def places(nlp: Language, text: str) -> list[Place]:
    return nlp(text)._.places


def named(found: list[Place], text: str, surface: str) -> Place:
    for place in found:
        if any(text[s:e] == surface for s, e in place.mentions):
            return place
    raise AssertionError(f"{surface!r} not found among {[p.name for p in found]}")


def test_rafah_in_gaza_by_context(nlp: Language) -> None:
    text = (
        "Israeli tanks advanced into eastern Rafah on Tuesday as air strikes hit Khan Younis, "
        "health officials in the Gaza Strip said."
    )
    rafah = named(places(nlp, text), text, "Rafah")
    assert rafah.country == "PS"
    assert rafah.lat is not None and 31.2 < rafah.lat < 31.4


def test_rafah_in_egypt_by_context(nlp: Language) -> None:
    text = (
        "Egyptian officials in Rafah said on Monday that trucks were waiting near El Arish, "
        "in Egypt's North Sinai province."
    )
    assert named(places(nlp, text), text, "Rafah").country == "EG"


def test_paris_texas_and_paris_france(nlp: Language) -> None:
    text = "The singer grew up in Paris, Texas, and later moved to Paris to study."
    found = places(nlp, text)
    texan = [p for p in found if p.country == "US" and p.name == "Paris"]
    assert texan and texan[0].admin1 == "Texas"
    text = "Thousands marched in Paris on Saturday against the pension reform, French unions said."
    assert named(places(nlp, text), text, "Paris").country == "FR"


def test_landmarks_absent_from_the_cities_table(nlp: Language) -> None:
    text = (
        "Aid trucks crossed at Kerem Shalom while the Rafah crossing stayed shut, and families "
        "sheltered in Al-Mawasi along the Philadelphi corridor, the agency said."
    )
    found = places(nlp, text)
    for surface in ("Kerem Shalom", "Rafah crossing", "Philadelphi corridor"):
        assert named(found, text, surface).feature == "landmark"
    # longest match wins: the crossing, not the town inside its name
    assert not any(text[s:e] == "Rafah" for p in found for s, e in p.mentions)


def test_regions_are_found_and_placed(nlp: Language) -> None:
    text = "Fighting spread across the West Bank and the Golan Heights, and shelling hit Donbas."
    found = places(nlp, text)
    assert named(found, text, "West Bank").country == "PS"
    assert named(found, text, "Golan Heights").feature == "region"


def test_demonyms_and_groups_are_not_places(nlp: Language) -> None:
    text = (
        "Israeli and Palestinian negotiators met Ukrainian envoys in Cairo, "
        "while Hamas officials said they would reply."
    )
    found = places(nlp, text)
    surfaces = {text[s:e] for p in found for s, e in p.mentions}
    assert surfaces & {"Israeli", "Palestinian", "Ukrainian", "Hamas"} == set()
    assert "Cairo" in surfaces


def test_person_mislabelled_place_is_corrected(nlp: Language) -> None:
    text = "Residents fled from Rafah overnight, witnesses told reporters in Gaza."
    doc = nlp(text)
    rafah = named(doc._.places, text, "Rafah")
    assert rafah.country == "PS" and rafah.geonameid is not None


def test_person_is_not_made_a_place_without_a_cue(nlp: Language) -> None:
    text = "Jackson said the plan would be announced on Friday."
    assert places(nlp, text) == []


def test_repeated_mentions_are_merged_with_ids_in_order(nlp: Language) -> None:
    text = (
        "Missiles struck Kharkiv, Ukraine, early on Sunday. Kharkiv's mayor said power was cut "
        "in parts of Kharkiv, and Ukraine's air force reported drones over Odesa."
    )
    found = places(nlp, text)
    kharkiv = named(found, text, "Kharkiv")
    assert len(kharkiv.mentions) == 3
    assert kharkiv.country == "UA" and kharkiv.admin1 == "Kharkiv Oblast"
    assert [p.id for p in found] == [f"p{i}" for i in range(1, len(found) + 1)]
    firsts = [min(p.mentions)[0] for p in found]
    assert firsts == sorted(firsts)
    assert all(0 < p.confidence <= 1 for p in found)


def test_component_alone_in_a_blank_pipeline_finds_phrases() -> None:
    blank = spacy.blank("en")
    blank.add_pipe("totor_places")
    doc = blank("Convoys reached the Gaza Strip through the Rafah crossing.")
    assert {p.feature for p in doc._.places} == {"admin", "landmark"}


def test_pipe_gives_each_doc_its_own_places(nlp: Language) -> None:
    docs = list(nlp.pipe(["Shelling hit Kherson.", "No place is named here."]))
    assert [p.name for p in docs[0]._.places] == ["Kherson"]
    assert docs[1]._.places == []


def test_people_words_are_never_places(nlp: Language) -> None:
    text = (
        "Aid trucks idled for hours on the Gazan side of the crossing, and several Gazans "
        "waiting there were hurt, officials in Cairo said."
    )
    surfaces = {text[s:e] for p in places(nlp, text) for s, e in p.mentions}
    assert not surfaces & {"Gazan", "Gazans"}
    assert "Cairo" in surfaces


def test_a_surname_is_not_a_place(nlp: Language) -> None:
    text = (
        "White House chief of staff John Kelly left the meeting early. Kelly was not in the "
        "room when the envoy arrived from Seoul."
    )
    surfaces = {text[s:e] for p in places(nlp, text) for s, e in p.mentions}
    assert "Kelly" not in surfaces and "John Kelly" not in surfaces
    assert "Seoul" in surfaces


def test_counties_and_provinces_get_their_geonames_ids(nlp: Language) -> None:
    text = (
        "Floodwaters closed roads across Henry County, Ga., on Tuesday, while in Canada "
        "wildfires forced evacuations in British Columbia and heat hit Rajasthan in India."
    )
    found = places(nlp, text)
    county = named(found, text, "Henry County")
    assert county.feature == "admin" and county.admin1 == "Georgia"
    assert county.geonameid is not None
    for surface, country in (("British Columbia", "CA"), ("Rajasthan", "IN")):
        region = named(found, text, surface)
        assert region.country == country and region.geonameid is not None


def test_a_capitalised_dateline_is_a_place(nlp: Language) -> None:
    text = (
        "ALBUQUERQUE, N.M. -- Firefighters contained a brush fire on Sunday.\n"
        "HOUSTON (AP) - Flooding closed several roads overnight, officials said."
    )
    found = places(nlp, text)
    assert named(found, text, "ALBUQUERQUE").country == "US"
    assert named(found, text, "HOUSTON").admin1 == "Texas"


def test_capitalised_words_inside_a_sentence_are_no_dateline(nlp: Language) -> None:
    text = "The agency said NASA, FEMA and the Red Cross were sending teams."
    surfaces = {text[s:e] for p in places(nlp, text) for s, e in p.mentions}
    assert not surfaces & {"NASA", "FEMA"}


def test_a_place_opening_a_local_institution_is_a_place(nlp: Language) -> None:
    text = (
        "A release from Gainesville Police said the man fled. The Laurel County School "
        "District closed early, and a Paris man was held by Madison County Sheriff deputies "
        "in Tennessee."
    )
    found = places(nlp, text)
    assert named(found, text, "Gainesville").country == "US"
    assert named(found, text, "Laurel County").admin1 == "Kentucky"
    county = named(found, text, "Madison County")
    assert county.feature == "admin" and county.admin1 == "Tennessee"
    surfaces = {text[s:e] for p in found for s, e in p.mentions}
    assert "Madison County Sheriff" not in surfaces


def test_an_institution_without_a_local_head_gives_no_place(nlp: Language) -> None:
    text = "Passengers of Air France and fans of Baseball Weekly complained."
    surfaces = {text[s:e] for p in places(nlp, text) for s, e in p.mentions}
    assert "France" not in surfaces


def test_a_dateline_after_a_headline_is_a_place(nlp: Language) -> None:
    text = "Snow and ice blanket the plains. KANSAS CITY, Mo. -- Tens of thousands lost power."
    city = named(places(nlp, text), text, "KANSAS CITY")
    assert city.country == "US" and city.admin1 == "Missouri"


def test_an_unknown_institution_opens_with_its_place(nlp: Language) -> None:
    text = (
        "He was booked into the Titus County Jail in Mount Pleasant, Texas, on Friday, "
        "while barges moved down the Mississippi River."
    )
    found = places(nlp, text)
    county = named(found, text, "Titus County")
    assert county.feature == "admin" and county.admin1 == "Texas"
    surfaces = {text[s:e] for p in found for s, e in p.mentions}
    assert "Titus County Jail" not in surfaces
    assert "Mississippi" not in surfaces  # a river of its own is never cut down
