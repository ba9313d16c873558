"""numbers.py alone: how quantities in news copy are read, uncertainty included."""

from __future__ import annotations

import pytest

from totor.nlp.numbers import Quantity, parse_quantity, scan, split_words


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("7", 7),
        ("34,500", 34500),
        ("1,200,000", 1_200_000),
        ("2.5", 2.5),
        ("1.5 million", 1_500_000),
        ("3 thousand", 3000),
        ("three", 3),
        ("eleven", 11),
        ("twenty-five", 25),
        ("twenty five", 25),
        ("ninety-nine", 99),
        ("two hundred", 200),
        ("two hundred and fifty", 250),
        ("one thousand two hundred", 1200),
        ("three thousand five hundred", 3500),
        ("a hundred", 100),
        ("a million", 1_000_000),
        ("half a million", 500_000),
        ("two dozen", 24),
    ],
)
def test_exact_numbers(text: str, value: float) -> None:
    quantity = parse_quantity(text)
    assert quantity is not None
    assert quantity.value == value
    if "dozen" not in text:
        assert quantity.approx is False
        assert quantity.low is None and quantity.high is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("dozens", 12),
        ("scores", 20),
        ("hundreds", 100),
        ("thousands", 1000),
        ("millions", 1_000_000),
        ("tens of thousands", 10_000),
        ("hundreds of thousands", 100_000),
    ],
)
def test_vague_plurals_follow_acled_minimum(text: str, value: float) -> None:
    assert parse_quantity(text) == Quantity(
        value=value, low=value, high=None, approx=True, vague=True
    )


def test_a_dozen_is_twelve_but_approximate() -> None:
    quantity = parse_quantity("a dozen")
    assert quantity is not None and quantity.value == 12 and quantity.approx


@pytest.mark.parametrize(
    "text",
    [
        "more than 34,500",
        "over 34,500",
        "at least 34,500",
        "34,500 or more",
        "upwards of 34,500",
        "at the very least 34,500",
    ],
)
def test_lower_bound_modifiers(text: str) -> None:
    quantity = parse_quantity(text)
    assert quantity is not None
    assert (quantity.value, quantity.low, quantity.high, quantity.approx) == (
        34500,
        34500,
        None,
        True,
    )


@pytest.mark.parametrize(
    "text", ["nearly 300", "almost 300", "up to 300", "fewer than 300", "at most 300"]
)
def test_upper_bound_modifiers(text: str) -> None:
    quantity = parse_quantity(text)
    assert quantity is not None
    assert (quantity.value, quantity.low, quantity.high, quantity.approx) == (300, None, 300, True)


@pytest.mark.parametrize(
    "text",
    ["around 80", "about 80", "some 80", "roughly 80", "an estimated 80", "approximately 80"],
)
def test_approximate_modifiers(text: str) -> None:
    quantity = parse_quantity(text)
    assert quantity is not None
    assert (quantity.value, quantity.low, quantity.high, quantity.approx) == (80, None, None, True)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("between 30 and 40", 30, 40),
        ("30 to 40", 30, 40),
        ("30-40", 30, 40),
        ("two or three", 2, 3),
        ("two to three million", 2_000_000, 3_000_000),
        ("between 1,000 and 1,500", 1000, 1500),
    ],
)
def test_ranges_keep_both_ends_and_take_the_low_as_best(text: str, low: float, high: float) -> None:
    quantity = parse_quantity(text)
    assert quantity is not None
    assert (quantity.low, quantity.high, quantity.value, quantity.approx) == (low, high, low, True)


def test_descending_pair_is_not_a_range() -> None:
    # "5-3" is a score or a code, not a range of counts
    assert parse_quantity("5-3") is None


@pytest.mark.parametrize("text", ["12%", "12 percent", "12 per cent"])
def test_percentages(text: str) -> None:
    quantity = parse_quantity(text)
    assert quantity is not None and quantity.value == 12 and quantity.percent


def test_modifier_and_percent_together() -> None:
    quantity = parse_quantity("nearly 70%")
    assert quantity is not None
    assert (quantity.value, quantity.high, quantity.percent) == (70, 70, True)


@pytest.mark.parametrize(
    "text", ["several", "many", "a handful", "401st", "third", "over", "some", "", "10:30", "a"]
)
def test_not_numbers(text: str) -> None:
    assert parse_quantity(text) is None


def test_scan_finds_every_quantity_in_order() -> None:
    words = split_words(
        "Officials said at least 20 people died, dozens were hurt and between 3 and 5 are missing"
    )
    found = [(" ".join(words[m.start : m.end]), m.quantity.value) for m in scan(words)]
    assert found == [("at least 20", 20), ("dozens", 12), ("between 3 and 5", 3)]


def test_split_words_separates_ranges_and_signs() -> None:
    assert split_words("30-40 (12%)") == ["30", "-", "40", "(", "12", "%", ")"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("three-quarters of", 75),
        ("three quarters of", 75),
        ("half of", 50),
        ("a third of", 33.3),
        ("two-thirds of", 66.7),
        ("one fifth of", 20),
    ],
)
def test_fractions_before_of_are_shares_in_percent(text: str, value: float) -> None:
    words = split_words(text)
    match = scan(words)[0]
    assert (match.start, match.end) == (0, len(words) - 1)  # "of" is left to the parser
    assert match.quantity == Quantity(value=value, percent=True)


def test_fractions_need_of_and_a_numerator() -> None:
    assert scan(split_words("a third commission was set up")) == []
    assert scan(split_words("nearly half were hurt")) == []
    assert parse_quantity("half a million") == Quantity(value=500_000)


def test_modified_fraction_keeps_its_bound() -> None:
    match = scan(split_words("nearly half of the residents"))[0]
    assert match.quantity == Quantity(value=50, high=50, approx=True, percent=True)


def test_hyphenated_half_a_million() -> None:
    assert parse_quantity("half-a-million") == Quantity(value=500_000)
    assert parse_quantity("nearly half-a-million") == Quantity(
        value=500_000, high=500_000, approx=True
    )


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("several hundred", 100),
        ("a few hundred", 100),
        ("several thousand", 1000),
        ("a few thousand", 1000),
        ("several dozen", 12),
        ("several hundred thousand", 100_000),
    ],
)
def test_several_hundred_reads_as_the_vague_plural(text: str, value: float) -> None:
    assert parse_quantity(text) == Quantity(
        value=value, low=value, high=None, approx=True, vague=True
    )


def test_several_alone_is_no_number() -> None:
    assert parse_quantity("several") is None
