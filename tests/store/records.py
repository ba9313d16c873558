"""Hand-made article records for the store tests (no NLP: the pipeline is tested elsewhere).

The texts are written for these tests in the style of wire reports. Spans are found in the
text, never typed in, so a record is always consistent with its text.
"""

from __future__ import annotations

from typing import Any

from totor.model import Article, Claim, Entity, Event, Figure, Label, Place, Time, article_id


def span(text: str, phrase: str, start: int = 0) -> tuple[int, int]:
    at = text.index(phrase, start)
    return (at, at + len(phrase))


def sentence(text: str, phrase: str) -> tuple[int, int]:
    """The sentence holding phrase."""
    at = text.index(phrase)
    begin = text.rfind(". ", 0, at)
    end = text.find(". ", at)
    return (0 if begin < 0 else begin + 2, len(text) if end < 0 else end + 1)


JENIN = Place(
    id="p1",
    name="Jenin",
    geonameid=293825,
    lat=32.4603,
    lon=35.3008,
    country="PS",
    admin1="West Bank",
    feature="city",
)
TUBAS = Place(
    id="p1",
    name="Tubas",
    geonameid=7303813,
    lat=32.3209,
    lon=35.3699,
    country="PS",
    admin1="West Bank",
    feature="city",
)
KHARKIV = Place(
    id="p1",
    name="Kharkiv",
    geonameid=706483,
    lat=49.9808,
    lon=36.2527,
    country="UA",
    admin1="Kharkiv Oblast",
    feature="city",
)


def _place(place: Place, text: str, name: str) -> Place:
    return place.model_copy(update={"mentions": [span(text, name)]})


def army_report() -> Article:
    text = (
        "The Israeli military said its soldiers killed 20 terrorists during an overnight raid "
        "in Jenin on Tuesday. The army said the terrorists had opened fire on troops, and "
        "that two soldiers were lightly wounded."
    )
    return Article(
        id=article_id(text),
        url="https://wire.example/jenin-raid",
        outlet="Wire One",
        title="Army says 20 killed in Jenin raid",
        published="2024-05-07T09:00:00Z",
        text=text,
        entities=[
            Entity(
                id="e1",
                name="Israel Defense Forces",
                kind="military",
                country="IL",
                aliases=["Israeli military", "army"],
                mentions=[span(text, "Israeli military")],
            ),
            Entity(
                id="e2",
                name="Palestinian militants",
                kind="armed_group",
                country="PS",
                mentions=[span(text, "terrorists")],
            ),
        ],
        places=[_place(JENIN, text, "Jenin")],
        times=[
            Time(
                id="t1",
                text="Tuesday",
                start="2024-05-07",
                end="2024-05-07",
                precision="day",
                anchor="published",
                span=span(text, "Tuesday"),
            )
        ],
        claims=[
            Claim(
                id="c1",
                speaker="The Israeli military",
                speaker_entity="e1",
                cue="said",
                kind="indirect",
                content=span(text, "its soldiers killed 20 terrorists"),
                span=sentence(text, "killed 20"),
            )
        ],
        figures=[
            Figure(
                id="f1",
                value=20,
                measure="killed",
                subject="terrorists",
                subject_entity="e2",
                place="p1",
                time="t1",
                claim="c1",
                span=span(text, "killed 20 terrorists"),
            ),
            Figure(
                id="f2",
                value=2,
                measure="injured",
                subject="soldiers",
                place="p1",
                time="t1",
                claim="c1",
                span=span(text, "two soldiers were lightly wounded"),
            ),
        ],
        labels=[
            Label(
                id="l1",
                term="terrorists",
                refers_to="e2",
                claim="c1",
                span=span(text, "terrorists"),
            )
        ],
        events=[
            Event(
                id="v1",
                type="ASSAULT",
                mode="firearms",
                actor=["e1"],
                target=["e2"],
                place="p1",
                time="t1",
                figures=["f1", "f2"],
                claim="c1",
                status="claimed",
                trigger=span(text, "killed"),
                span=sentence(text, "killed 20"),
                confidence=0.8,
            )
        ],
    )


def health_report() -> Article:
    text = (
        "Palestinian health officials said 20 Palestinians were killed when Israeli forces "
        "stormed Jenin late on Monday night. The officials said at least 35 people were "
        "wounded, several of them critically."
    )
    return Article(
        id=article_id(text),
        url="https://daily.example/jenin",
        outlet="Daily Two",
        title="Twenty Palestinians killed in Jenin",
        published="2024-05-07T15:30:00Z",
        text=text,
        entities=[
            Entity(
                id="e1",
                name="Palestinian Ministry of Health",
                kind="government",
                country="PS",
                mentions=[span(text, "Palestinian health officials")],
            ),
            Entity(
                id="e2",
                name="Israel Defense Forces",
                kind="military",
                country="IL",
                aliases=["Israeli forces"],
                mentions=[span(text, "Israeli forces")],
            ),
            Entity(
                id="e3",
                name="Palestinian militants",
                kind="armed_group",
                country="PS",
                mentions=[span(text, "20 Palestinians")],
            ),
        ],
        places=[_place(JENIN, text, "Jenin")],
        times=[
            Time(
                id="t1",
                text="late on Monday night",
                start="2024-05-06",
                end="2024-05-06",
                precision="day",
                anchor="published",
                span=span(text, "late on Monday night"),
            )
        ],
        claims=[
            Claim(
                id="c1",
                speaker="Palestinian health officials",
                speaker_entity="e1",
                cue="said",
                kind="indirect",
                content=span(text, "20 Palestinians were killed"),
                span=sentence(text, "20 Palestinians"),
            )
        ],
        figures=[
            Figure(
                id="f1",
                value=20,
                measure="killed",
                subject="Palestinians",
                place="p1",
                time="t1",
                claim="c1",
                span=span(text, "20 Palestinians were killed"),
            ),
            Figure(
                id="f2",
                value=35,
                low=35,
                measure="injured",
                subject="people",
                place="p1",
                time="t1",
                claim="c1",
                span=span(text, "at least 35 people were wounded"),
            ),
        ],
        labels=[
            Label(
                id="l1",
                term="Palestinians",
                refers_to="e3",
                claim="c1",
                span=span(text, "Palestinians", 30),
            )
        ],
        events=[
            Event(
                id="v1",
                type="ASSAULT",
                actor=["e2"],
                target=["e3"],
                place="p1",
                time="t1",
                figures=["f1", "f2"],
                claim="c1",
                status="claimed",
                trigger=span(text, "stormed"),
                span=sentence(text, "stormed"),
                confidence=0.7,
            )
        ],
    )


def unrelated_report() -> Article:
    text = (
        "Russian missiles struck an industrial area of Kharkiv on Tuesday, killing four "
        "people, the regional governor said. Ukrainian officials also reported a protest by "
        "factory workers in the city."
    )
    return Article(
        id=article_id(text),
        url="https://wire.example/kharkiv",
        outlet="Wire One",
        title="Missiles hit Kharkiv",
        published="2024-05-07T11:00:00Z",
        text=text,
        entities=[
            Entity(
                id="e1",
                name="Russia",
                kind="country",
                country="RU",
                mentions=[span(text, "Russian")],
            ),
            Entity(
                id="e2",
                name="factory workers",
                kind="people",
                country="UA",
                mentions=[span(text, "factory workers")],
            ),
        ],
        places=[_place(KHARKIV, text, "Kharkiv")],
        times=[
            Time(
                id="t1",
                text="Tuesday",
                start="2024-05-07",
                end="2024-05-07",
                span=span(text, "Tuesday"),
            )
        ],
        claims=[
            Claim(
                id="c1",
                speaker="the regional governor",
                cue="said",
                kind="indirect",
                content=span(text, "killing four people"),
                span=sentence(text, "killing four"),
            )
        ],
        figures=[
            Figure(
                id="f1",
                value=4,
                measure="killed",
                subject="people",
                place="p1",
                time="t1",
                claim="c1",
                span=span(text, "killing four people"),
            )
        ],
        events=[
            Event(
                id="v1",
                type="ASSAULT",
                mode="missile",
                actor=["e1"],
                place="p1",
                time="t1",
                figures=["f1"],
                claim="c1",
                trigger=span(text, "struck"),
                span=sentence(text, "struck"),
            ),
            Event(
                id="v2",
                type="PROTEST",
                actor=["e2"],
                place="p1",
                time="t1",
                trigger=span(text, "protest"),
                span=sentence(text, "protest"),
                confidence=0.6,
            ),
        ],
    )


def toll_report(day: int, killed: int, speaker: str, outlet: str = "Wire One") -> Article:
    """One of several reports on one attack whose death toll rises over days."""
    text = (
        f"The death toll from the attack on a bus station in Tubas rose to {killed}, "
        f"{speaker} said on May {day}. Rescue teams were still searching the rubble."
    )
    return Article(
        id=article_id(text),
        url=f"https://{outlet.lower().replace(' ', '')}.example/tubas-{day}",
        outlet=outlet,
        title=f"Tubas toll rises to {killed}",
        published=f"2024-05-{day:02d}T08:00:00Z",
        text=text,
        places=[_place(TUBAS, text, "Tubas")],
        claims=[
            Claim(
                id="c1",
                speaker=speaker,
                cue="said",
                kind="indirect",
                content=span(text, f"rose to {killed}"),
                span=(0, text.index(". ") + 1),
            )
        ],
        figures=[
            Figure(
                id="f1",
                value=killed,
                measure="killed",
                subject="people",
                place="p1",
                claim="c1",
                span=span(text, f"rose to {killed}"),
            )
        ],
        events=[
            Event(
                id="v1",
                type="ASSAULT",
                place="p1",
                figures=["f1"],
                claim="c1",
                trigger=span(text, "attack"),
                span=(0, text.index(". ") + 1),
            )
        ],
    )


def all_reports() -> list[Article]:
    return [army_report(), health_report(), unrelated_report()]


def revised(article: Article, extra: str) -> Article:
    """The same URL with changed text: a new version."""
    data: dict[str, Any] = article.model_dump()
    data["text"] = article.text + " " + extra
    data["id"] = article_id(data["text"])
    return Article(**data)
