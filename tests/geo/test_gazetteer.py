from __future__ import annotations

import time
from pathlib import Path

import pytest

from totor.geo import build as build_module
from totor.geo.build import build_index, index_path
from totor.geo.gazetteer import Gazetteer
from totor.geo.normalise import normalise


def test_normalise_folds_accents_case_dots_and_dashes() -> None:
    assert normalise("Khān Yūnis") == normalise("khan yunis")
    assert normalise("U.S.") == normalise("US")
    assert normalise("the Gaza Strip") == "gaza strip"
    assert normalise("Be’eri") == normalise("Beeri")
    assert normalise("Nagorno-Karabakh") == "nagorno karabakh"


def test_index_lives_in_the_cache_dir_and_is_reused(cache_dir: Path, index: Path) -> None:
    assert index.parent == cache_dir and index.exists()
    stamp = index.stat().st_mtime_ns
    assert build_index() == index
    assert index.stat().st_mtime_ns == stamp  # not rebuilt


def test_a_new_source_version_means_a_new_index_file(
    index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(build_module, "source_version", lambda: "feedfacecafe")
    assert index_path() != index
    assert "feedfacecafe" in index_path().name


def test_loading_is_fast(index: Path) -> None:
    started = time.perf_counter()
    gazetteer = Gazetteer(index)
    gazetteer.lookup("Kharkiv")
    assert time.perf_counter() - started < 1.0


def test_lookups_are_fast(gazetteer: Gazetteer) -> None:
    names = [f"Nowhereville {i}" for i in range(2000)] + ["Mosul", "Aleppo", "Goma"] * 500
    started = time.perf_counter()
    for name in names:
        gazetteer.lookup(name)
    assert len(names) / (time.perf_counter() - started) > 2000


def test_cities_come_with_coordinates_country_and_population(gazetteer: Gazetteer) -> None:
    found = gazetteer.lookup("Khan Younis")
    assert found, "alternate spellings of GeoNames cities are indexed"
    city = found[0]
    assert city.country == "PS" and city.feature == "city"
    assert 31.2 < city.lat < 31.5 and 34.2 < city.lon < 34.4
    assert city.population > 100_000 and city.geonameid is not None


def test_every_rafah_is_a_candidate_largest_first(gazetteer: Gazetteer) -> None:
    found = gazetteer.lookup("Rafah")
    assert {c.country for c in found} >= {"PS", "EG"}
    assert [c.population for c in found] == sorted((c.population for c in found), reverse=True)


def test_countries_and_their_common_names(gazetteer: Gazetteer) -> None:
    for name, code in [("U.S.", "US"), ("Britain", "GB"), ("Burma", "MM"), ("DRC", "CD")]:
        countries = [c for c in gazetteer.lookup(name) if c.feature == "country"]
        assert [c.country for c in countries] == [code], name
    assert gazetteer.country("UA") is not None and gazetteer.country("UA").name == "Ukraine"


@pytest.mark.parametrize(
    ("name", "feature", "country"),
    [
        ("Gaza Strip", "admin", "PS"),
        ("West Bank", "admin", "PS"),
        ("Donetsk Oblast", "admin", "UA"),
        ("Luhansk region", "admin", "UA"),
        ("Belgorod region", "admin", "RU"),
        ("Anbar", "admin", "IQ"),
        ("North Darfur", "admin", "SD"),
        ("North Kivu", "admin", "CD"),
        ("Golan Heights", "region", "SY"),
        ("Donbas", "region", "UA"),
        ("Rafah crossing", "landmark", "PS"),
        ("Kerem Shalom", "landmark", "IL"),
        ("Zamzam camp", "landmark", "SD"),
        ("Philadelphi corridor", "landmark", "PS"),
        ("Zaporizhzhia nuclear power plant", "landmark", "UA"),
    ],
)
def test_regions_and_landmarks_absent_from_the_cities_table(
    gazetteer: Gazetteer, name: str, feature: str, country: str
) -> None:
    matches = [c for c in gazetteer.lookup(name) if c.feature == feature]
    assert matches and matches[0].country == country
    assert matches[0].lat is not None and matches[0].lon is not None


def test_admin_regions_are_linked_to_their_cities(gazetteer: Gazetteer) -> None:
    donetsk = next(c for c in gazetteer.lookup("Donetsk") if c.country == "UA")
    assert donetsk.admin1_name == "Donetsk Oblast"
    texas = gazetteer.admin("US", "TX")
    assert texas is not None and texas.name == "Texas" and texas.geonameid is not None


def test_demonyms_and_unknown_words_are_not_places(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Israeli") == []
    assert gazetteer.lookup("Ukrainians") == []
    assert gazetteer.lookup("Qwzxplace") == []


@pytest.mark.parametrize(
    ("name", "country"),
    [("Rajasthan", "IN"), ("Ontario", "CA"), ("Gilgit-Baltistan", "PK"), ("Limpopo", "ZA")],
)
def test_first_level_regions_of_every_country_carry_geonames_ids(
    gazetteer: Gazetteer, name: str, country: str
) -> None:
    regions = [c for c in gazetteer.lookup(name) if c.feature == "admin"]
    assert regions and regions[0].country == country
    assert regions[0].geonameid is not None and regions[0].admin1 is not None


def test_counties_carry_ids_points_and_their_state(gazetteer: Gazetteer) -> None:
    counties = [c for c in gazetteer.lookup("Henry County") if c.feature == "admin2"]
    states = {c.admin1_name for c in counties}
    assert {"Georgia", "Illinois", "Tennessee"} <= states
    assert all(c.geonameid is not None and c.country == "US" for c in counties)
    georgia = next(c for c in counties if c.admin1_name == "Georgia")
    assert 33.0 < georgia.lat < 34.0 and -84.8 < georgia.lon < -83.7


def test_curated_regions_take_the_geonames_id_of_their_division(gazetteer: Gazetteer) -> None:
    # admin1.tsv leaves the id of the Gaza Strip blank; the GeoNames division supplies it
    gaza = next(c for c in gazetteer.lookup("Gaza Strip") if c.feature == "admin")
    assert gaza.geonameid is not None
    assert any(c.feature == "admin" and c.country == "CA" for c in gazetteer.lookup("B.C."))
