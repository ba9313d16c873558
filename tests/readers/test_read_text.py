"""The plain-text reader: headline, dateline, byline, furniture, whitespace."""

from __future__ import annotations

import pytest

from totor.readers.base import ReaderError
from totor.readers.text import (
    clean_text,
    is_furniture,
    normalise_date,
    parse_header,
    read_text,
    strip_furniture,
)

BODY = (
    "Police in Goma said on Monday that 14 people were detained after a rally turned violent.\n\n"
    "The governor said the city was calm by nightfall."
)


def test_short_unpunctuated_first_line_is_the_title() -> None:
    doc = read_text("Protesters detained in Goma\n\n" + BODY)
    assert doc.title == "Protesters detained in Goma"
    assert doc.text.startswith("Police in Goma")
    assert "Protesters detained" not in doc.text


def test_title_followed_by_a_single_newline() -> None:
    doc = read_text("Protesters detained in Goma\n" + BODY)
    assert doc.title == "Protesters detained in Goma"
    assert doc.text.startswith("Police in Goma")


@pytest.mark.parametrize(
    "first_line",
    [
        "Police in Goma said 14 people were detained.",
        "Was the rally banned?\nNobody could say.",
        'The governor called it "a provocation"\nand left.',
        "Police moved in at dawn!",
        "Police in the eastern Congolese city of Goma detained at least fourteen people after a rally on Monday",
    ],
)
def test_sentences_and_long_lines_are_not_titles(first_line: str) -> None:
    doc = read_text(first_line + "\n\n" + BODY)
    assert doc.title is None
    assert doc.text.startswith(first_line)


@pytest.mark.parametrize(
    "headline", ["Can the truce in Sudan hold?", 'UN chief calls killings "unacceptable"']
)
def test_question_or_quote_headline_before_a_blank_line(headline: str) -> None:
    doc = read_text(headline + "\n\n" + BODY)
    assert doc.title == headline
    assert doc.text.startswith("Police in Goma")


def test_single_paragraph_has_no_title() -> None:
    doc = read_text("Fourteen people were detained in Goma on Monday")
    assert doc.title is None
    assert doc.text == "Fourteen people were detained in Goma on Monday"


def test_dateline_gives_published_and_is_removed() -> None:
    doc = read_text("Curfew in Dhaka\n\nPublished: 7 May 2024\n\n" + BODY)
    assert doc.published == "2024-05-07"
    assert doc.title == "Curfew in Dhaka"
    assert "Published" not in doc.text


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Updated: May 9, 2024", "2024-05-09"),
        ("Posted on 12 March 2023", "2023-03-12"),
        ("Tuesday 7 May 2024", "2024-05-07"),
        ("2024-01-30", "2024-01-30"),
        ("Published: 7 May 2024 14:05 GMT", "2024-05-07T14:05:00+00:00"),
    ],
)
def test_dateline_shapes(line: str, expected: str) -> None:
    assert read_text(line + "\n\n" + BODY).published == expected


def test_date_in_the_body_is_not_a_dateline() -> None:
    doc = read_text("Curfew in Dhaka\n\nThe curfew began on 7 May 2024, officials said.\n\n" + BODY)
    assert doc.published is None


def test_byline_goes_to_meta() -> None:
    doc = read_text("Curfew in Dhaka\nBy Rina Das and Omar Faruk\n\n" + BODY)
    assert doc.meta["byline"] == "Rina Das and Omar Faruk"
    assert doc.text.startswith("Police in Goma")


def test_trailing_comments_line_dropped_but_sentence_with_comments_kept() -> None:
    text = (
        "Minister resigns\n\n"
        "The minister made no comments to reporters as she left the building on Friday.\n\n"
        "Her office said a statement would follow.\n\nComments\n"
    )
    doc = read_text(text)
    assert doc.text.endswith("Her office said a statement would follow.")
    assert "made no comments to reporters" in doc.text


def test_furniture_in_the_middle_and_at_the_end() -> None:
    text = (
        "Strike hits Kharkiv\n\n"
        "A missile hit a printing house in Kharkiv on Thursday, the governor said.\n\n"
        "Advertisement\n\n"
        "Seven people were killed, he said.\n\n"
        "Share this article\nFollow us on Telegram\nSign up for our newsletter\n"
        "© 2024 Example Media Group\nRead more: Ukraine appeals for air defence\n"
    )
    doc = read_text(text)
    assert doc.text == (
        "A missile hit a printing house in Kharkiv on Thursday, the governor said.\n\n"
        "Seven people were killed, he said."
    )


@pytest.mark.parametrize(
    "line",
    ["Comments", "COMMENTS", "12 comments", "Related articles", "Read more", "Share this article"],
)
def test_furniture_lines(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "The comments drew criticism from the opposition.",
        "Related articles in the state press blamed foreign agents for the unrest, he said",
        "Advertisement boards were torn down during the protest",
    ],
)
def test_prose_is_not_furniture(line: str) -> None:
    assert not is_furniture(line)


def test_whitespace_normalised_paragraphs_kept() -> None:
    raw = "Title  here\r\n\r\n\r\n\r\nFirst\u00a0 paragraph   with  gaps.\t\r\n\r\nSecond\u200b paragraph."
    assert clean_text(raw) == "Title here\n\nFirst paragraph with gaps.\n\nSecond paragraph."


def test_hard_wrapped_paragraph_is_joined() -> None:
    wrapped = (
        "Rescue teams in the flooded district of Sunamganj said on Wednesday\n"
        "that they had reached most of the villages cut off by the rising\n"
        "water, but that many families were still waiting on their roofs.\n\n"
        "One line per paragraph here.\nAnd another one."
    )
    cleaned = clean_text(wrapped)
    first, second = cleaned.split("\n\n")
    assert "\n" not in first
    assert first.startswith("Rescue teams") and first.endswith("roofs.")
    assert second == "One line per paragraph here.\nAnd another one."


def test_parse_header_leaves_body_when_only_headers() -> None:
    body, title, published, _ = parse_header("Short headline\nPublished: 7 May 2024")
    assert title == "Short headline"
    assert published is None  # the last line is never taken: it is the body
    assert body == "Published: 7 May 2024"


def test_only_furniture_is_an_error() -> None:
    with pytest.raises(ReaderError, match="no article text"):
        read_text("Comments\n\nShare this article\n")


def test_strip_furniture_keeps_paragraph_breaks() -> None:
    assert strip_furniture("One.\n\nAdvertisement\n\nTwo.") == "One.\n\nTwo."


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-05-07", "2024-05-07"),
        ("2024-05-07T10:00:00Z", "2024-05-07T10:00:00+00:00"),
        ("7 May 2024", "2024-05-07"),
        ("05/07/2024", "2024-07-05"),  # day first
        (1715068800, "2024-05-07T08:00:00+00:00"),
        (1715068800000, "2024-05-07T08:00:00+00:00"),
        ("not a date at all", None),
        ("", None),
        (None, None),
    ],
)
def test_normalise_date(value: object, expected: str | None) -> None:
    assert normalise_date(value) == expected
