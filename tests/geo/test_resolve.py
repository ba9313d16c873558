from __future__ import annotations

import re

from totor.geo.gazetteer import Gazetteer
from totor.geo.resolve import Mention, resolve


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


def test_county_does_not_fall_back_to_the_town(gazetteer: Gazetteer) -> None:
    # 'X County' is not the town X; without county data it stays unresolved
    result = _resolve(gazetteer, "Deputies in Laurel County arrested two men.", ["Laurel County"])
    assert result["Laurel County"] == (None, None)
    result = _resolve(gazetteer, "Shelling hit the Kharkiv region overnight.", ["Kharkiv region"])
    assert result["Kharkiv region"][0] == "UA"
