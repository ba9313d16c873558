from __future__ import annotations

import re

from totor.geo.gazetteer import Candidate, Gazetteer
from totor.geo.resolve import Mention, is_demonym_of_place, resolve


def _resolve(
    gazetteer: Gazetteer, text: str, names: list[str]
) -> dict[str, tuple[str | None, str | None]]:
    mentions = [
        Mention(m.group(0), m.start(), m.end())
        for name in names
        for m in re.finditer(re.escape(name), text)
    ]
    out = {}
    for mention, resolution in zip(mentions, resolve(mentions, text, gazetteer), strict=True):
        c = resolution.candidate
        out[mention.text] = (c.country, c.admin1_name) if c else (None, None)
        assert 0.0 <= resolution.confidence <= 1.0
    return out


def test_rafah_follows_the_other_places_of_the_article(gazetteer: Gazetteer) -> None:
    gaza = "Tanks pushed into Rafah after shelling in Khan Younis and Deir al-Balah, medics said."
    assert _resolve(gazetteer, gaza, ["Rafah", "Khan Younis", "Deir al-Balah"])["Rafah"][0] == "PS"
    sinai = "Aid convoys waited in Rafah and El Arish, Egyptian officials in Ismailia said."
    assert _resolve(gazetteer, sinai, ["Rafah", "El Arish", "Ismailia"])["Rafah"][0] == "EG"


def test_a_qualifier_after_a_comma_decides(gazetteer: Gazetteer) -> None:
    assert _resolve(gazetteer, "A tornado struck Paris, Texas, on Sunday.", ["Paris"]) == {
        "Paris": ("US", "Texas")
    }
    assert _resolve(gazetteer, "The fire in Paris, Tenn., spread.", ["Paris"])["Paris"] == (
        "US",
        "Tennessee",
    )
    assert (
        _resolve(gazetteer, "Protesters gathered in Paris on Sunday.", ["Paris"])["Paris"][0]
        == "FR"
    )


def test_country_named_in_the_text_decides(gazetteer: Gazetteer) -> None:
    text = "Floods hit Alexandria and Cairo, Egypt's ministry said."
    assert _resolve(gazetteer, text, ["Alexandria", "Cairo", "Egypt"])["Alexandria"][0] == "EG"
    text = "Police in Alexandria and Arlington, Virginia, closed roads."
    assert _resolve(gazetteer, text, ["Alexandria", "Arlington", "Virginia"])["Alexandria"] == (
        "US",
        "Virginia",
    )


def test_unknown_names_resolve_to_nothing(gazetteer: Gazetteer) -> None:
    assert _resolve(gazetteer, "Shots near Qwzxplace.", ["Qwzxplace"]) == {
        "Qwzxplace": (None, None)
    }


def test_county_is_the_county_not_the_town(gazetteer: Gazetteer) -> None:
    text = "Deputies in Laurel County arrested two men, the sheriff in London, Ky., said."
    mentions = [Mention("Laurel County", 12, 25)]
    county = resolve(mentions, text, gazetteer)[0].candidate
    assert county is not None and county.feature == "admin2" and county.geonameid is not None
    result = _resolve(gazetteer, text, ["Laurel County", "London"])
    assert result["Laurel County"] == ("US", "Kentucky")
    assert result["London"] == ("US", "Kentucky")
    result = _resolve(gazetteer, "Shelling hit the Kharkiv region overnight.", ["Kharkiv region"])
    assert result["Kharkiv region"][0] == "UA"


def test_the_article_s_state_picks_among_same_named_counties(gazetteer: Gazetteer) -> None:
    text = (
        "Henry County schools closed on Monday after flooding in McDonough and Stockbridge, "
        "Georgia officials said."
    )
    result = _resolve(gazetteer, text, ["Henry County", "McDonough", "Stockbridge", "Georgia"])
    assert result["Henry County"] == ("US", "Georgia")


def test_ap_state_abbreviations_beat_lookalike_villages(gazetteer: Gazetteer) -> None:
    for abbreviation, state in [("Fla.", "Florida"), ("Kan.", "Kansas"), ("W. Va.", None)]:
        text = f"The storm moved on toward {abbreviation} overnight."
        start = text.index(abbreviation)
        found = resolve([Mention(abbreviation, start, start + len(abbreviation))], text, gazetteer)
        candidate = found[0].candidate
        assert candidate is not None and candidate.country == "US", abbreviation
        assert candidate.feature == "admin"
        if state:
            assert candidate.name == state


def test_a_demonym_handed_to_the_resolver_is_its_country(gazetteer: Gazetteer) -> None:
    # 'Canadian' is also a small Texas town; as a people word it means Canada
    assert _resolve(gazetteer, "Canadian officials disagreed.", ["Canadian"]) == {
        "Canadian": ("CA", None)
    }


def test_people_words_formed_on_places_are_recognised(gazetteer: Gazetteer) -> None:
    for word in ("gazan", "gazans", "kosovan", "berliner"):
        assert is_demonym_of_place(word, gazetteer), word
    for name in ("milan", "tehran", "sudan", "jordan", "miami", "kazan"):
        assert not is_demonym_of_place(name, gazetteer), name


def test_a_formal_country_name_resolves_to_the_country(gazetteer: Gazetteer) -> None:
    text = "Officials of the Republic of Armenia met envoys from the State of Qatar in Yerevan."
    found = _resolve(gazetteer, text, ["Republic of Armenia", "State of Qatar", "Yerevan"])
    assert found["Republic of Armenia"][0] == "AM"
    assert found["State of Qatar"][0] == "QA"


def test_seas_and_oceans_carry_their_geonames_id(gazetteer: Gazetteer) -> None:
    text = "Storms over the Atlantic pushed swells into the Mediterranean, forecasters said."
    mentions = [
        Mention(n, text.index(n), text.index(n) + len(n)) for n in ("Atlantic", "Mediterranean")
    ]
    for resolution in resolve(mentions, text, gazetteer):
        assert resolution.candidate is not None
        assert resolution.candidate.feature == "region"
        assert resolution.candidate.geonameid is not None


def _one(gazetteer: Gazetteer, text: str, name: str) -> Candidate | None:
    start = text.index(name)
    return resolve([Mention(name, start, start + len(name))], text, gazetteer)[0].candidate


def test_an_institution_is_placed_where_its_name_says(gazetteer: Gazetteer) -> None:
    text = "The Bank of Japan and the Harare City Council both met on Monday."
    japan = _one(gazetteer, text, "Bank of Japan")
    assert japan is not None and japan.feature == "country" and japan.country == "JP"
    harare = _one(gazetteer, text, "Harare City Council")
    assert harare is not None and harare.country == "ZW" and harare.feature == "city"
    text = "Fans of Liverpool FC and staff of the British Embassy waited."
    club = _one(gazetteer, text, "Liverpool FC")
    assert club is not None and club.country == "GB"
    embassy = _one(gazetteer, text, "British Embassy")
    assert embassy is not None and embassy.feature == "country" and embassy.country == "GB"


def test_a_place_the_gazetteer_lacks_is_not_the_place_inside_its_name(
    gazetteer: Gazetteer,
) -> None:
    # no institution word: a hamlet or a lake is not the state or province it is named after
    for name in ("Tennessee Colony", "Lake Ontario", "Qwzx Union Hall"):
        text = f"Residents near {name} were warned."
        assert _one(gazetteer, text, name) is None, name
    # small towns called like ordinary words never stand in for an institution's place
    assert (
        _one(gazetteer, "He studied at Summit University Academy.", "Summit University Academy")
        is None
    )


def test_people_words_resolve_to_their_place(gazetteer: Gazetteer) -> None:
    for word, place in [("Ohioans", "Ohio"), ("Minnesotans", "Minnesota")]:
        found = _one(gazetteer, f"Many {word} voted early.", word)
        assert found is not None and found.feature == "admin" and found.name == place, word
    korean = _one(gazetteer, "Korean fans waved flags.", "Korean")
    assert korean is not None and korean.country == "KR" and korean.feature == "country"
    english = _one(gazetteer, "The English league resumed.", "English")
    assert english is not None and english.name == "England"


def test_names_listed_before_counties_are_counties(gazetteer: Gazetteer) -> None:
    text = "Roof collapses were reported in Harvey, Harper and Kingman counties in Kansas."
    found = _resolve(gazetteer, text, ["Harvey", "Harper", "Kingman", "Kansas"])
    assert found["Harper"] == ("US", "Kansas") and found["Kingman"] == ("US", "Kansas")
    for name in ("Harvey", "Harper", "Kingman"):
        candidate = _one(gazetteer, text, name)
        assert candidate is not None and candidate.feature == "admin2", name
    # one name before 'counties' is no list: the counties of Indiana
    text = "Unemployment rose in most Indiana counties last month."
    state = _one(gazetteer, text, "Indiana")
    assert state is not None and state.feature == "admin" and state.name == "Indiana"


def test_a_state_after_the_comma_beats_a_neighbouring_state(gazetteer: Gazetteer) -> None:
    text = (
        "Storms blanket Kansas. KANSAS CITY, Mo. - Ice covered Wichita, Topeka and "
        "Salina, Kansas officials said."
    )
    names = ["KANSAS CITY", "Mo.", "Kansas", "Wichita", "Topeka", "Salina"]
    assert _resolve(gazetteer, text, names)["KANSAS CITY"] == ("US", "Missouri")


def test_a_capital_is_the_city_called_so(gazetteer: Gazetteer) -> None:
    city = _one(gazetteer, "Talks resumed in New Delhi on Monday.", "New Delhi")
    assert city is not None and city.name == "New Delhi" and city.capital


def test_a_name_among_states_is_the_state(gazetteer: Gazetteer) -> None:
    text = (
        "The team has worked in Alaska, Hawaii, Oregon, Idaho and Montana, and at home in "
        "Washington."
    )
    state = _resolve(
        gazetteer, text, ["Alaska", "Hawaii", "Oregon", "Idaho", "Montana", "Washington"]
    )
    candidate = _one(gazetteer, "Lawmakers in Washington voted.", "Washington")
    assert candidate is not None and candidate.feature == "city"  # alone: the capital
    assert state["Washington"] == ("US", "Washington")


def test_a_direction_word_never_leaves_a_hamlet(gazetteer: Gazetteer) -> None:
    assert _one(gazetteer, "Guests gathered in the North Tower.", "North Tower") is None
    kharkiv = _one(gazetteer, "Shelling hit northern Kharkiv.", "northern Kharkiv")
    assert kharkiv is not None and kharkiv.country == "UA"
    # the parts of the White House stand for it
    wing = _one(gazetteer, "Aides in the West Wing argued.", "West Wing")
    assert wing is not None and wing.name == "White House"


def test_an_initialism_takes_the_place_the_article_spells_out(gazetteer: Gazetteer) -> None:
    text = "Mining made many South Africans rich, and SA still holds most of the platinum."
    found = _one(gazetteer, text, "SA")
    assert found is not None and found.country == "ZA" and found.feature == "country"
    # nothing spelt out: no guess
    text = "The SA holds most of the platinum."
    found = _one(gazetteer, text, "SA")
    assert found is None or found.country != "ZA"


def test_saint_and_mount_are_spelt_either_way(gazetteer: Gazetteer) -> None:
    text = "Flights link Moscow and St. Petersburg, Russian officials said."
    assert _resolve(gazetteer, text, ["Moscow", "St. Petersburg"])["St. Petersburg"][0] == "RU"
    text = "Tourists flew from Saint Louis to Mt. Pleasant, South Carolina."
    found = _resolve(gazetteer, text, ["Saint Louis", "Mt. Pleasant", "South Carolina"])
    assert found["Mt. Pleasant"] == ("US", "South Carolina")
    assert found["Saint Louis"][0] == "US"


def test_breakaway_regions_are_known(gazetteer: Gazetteer) -> None:
    text = "Fighting spread in South Ossetia; South Ossetian officials blamed Tbilisi."
    assert _resolve(gazetteer, text, ["South Ossetia", "South Ossetian", "Tbilisi"]) == {
        "South Ossetia": ("GE", None),
        "South Ossetian": ("GE", None),
        "Tbilisi": ("GE", "Tbilisi"),
    }


def test_a_town_and_its_county_pull_each_other(gazetteer: Gazetteer) -> None:
    # GeoNames places Paris, Tennessee in Henry County, Tennessee: each names the other
    text = "All residents of Paris and Henry County will receive a letter from the squad."
    found = _resolve(gazetteer, text, ["Paris", "Henry County"])
    assert found == {"Paris": ("US", "Tennessee"), "Henry County": ("US", "Tennessee")}
    paris = _one(gazetteer, text, "Paris")
    assert paris is not None and paris.admin2 is not None


def test_a_plural_people_word_is_its_place_but_a_plural_country_stays(
    gazetteer: Gazetteer,
) -> None:
    texans = _one(gazetteer, "Texans voted early.", "Texans")
    assert texans is not None and texans.name == "Texas" and texans.feature == "admin"
    assert is_demonym_of_place("texans", gazetteer)
    # 'Philippine' is a people word, yet 'Philippines' is the country's own name
    assert not is_demonym_of_place("philippines", gazetteer)
    country = _one(gazetteer, "Storms hit the Philippines.", "Philippines")
    assert country is not None and country.country == "PH"
    # a singular word is a people word of a town, never of a hamlet
    nolan = _one(gazetteer, "Sheriffs in Rotan and Nolan searched.", "Rotan")
    assert nolan is None or nolan.name == "Rotan"
