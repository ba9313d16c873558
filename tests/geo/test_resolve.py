from __future__ import annotations

import re

from totor.geo.gazetteer import Gazetteer
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
