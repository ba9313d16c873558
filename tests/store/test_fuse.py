"""Fusion of events across articles, accounts per source, and figure series.

Most tests build small reports with :func:`report`: one event, optionally placed, dated,
with actors, a claim, figures and labels, all found in a text written for the test.
"""

from __future__ import annotations

import csv
import io

import pytest
from click.testing import CliRunner
from records import all_reports, army_report, health_report, span, toll_report

from totor.cli_corpus import clusters_command
from totor.corpus import Corpus
from totor.fuse import FuseOptions, figure_text, trim_quote
from totor.model import Article, Claim, Entity, Event, Figure, Label, Place, Time, article_id

PLACES = {
    # two towns of Balochistan about 60 km apart, a city far from both, a province, a country
    "Sibi": (29.5430, 67.8773, "PK", "Balochistan", "city"),
    "Dhadar": (29.4752, 67.6514, "PK", "Balochistan", "city"),
    "Lahore": (31.5580, 74.3507, "PK", "Punjab", "city"),
    "Balochistan": (28.5, 65.5, "PK", "Balochistan", "admin"),
    "Pakistan": (30.0, 70.0, "PK", None, "country"),
    "Kandahar": (31.6133, 65.7101, "AF", "Kandahar", "city"),
}
KINDS = {
    "Baloch Liberation Army": "armed_group",
    "Pakistan Army": "military",
    "Frontier Corps": "military",
    "Pakistan": "country",
    "India": "country",
    "passengers": "people",
}


def report(
    sentence: str,
    *,
    type: str = "ASSAULT",
    day: int = 11,
    place: str | None = None,
    actors: tuple[str, ...] = (),
    targets: tuple[str, ...] = (),
    speaker: str | None = None,
    figures: tuple[tuple[str, float, str, str], ...] = (),
    labels: tuple[str, ...] = (),
    extra: str = "",
    outlet: str = "Wire One",
    precision: str = "day",
) -> Article:
    """One report of one event; figures are (phrase in sentence, value, measure, subject)."""
    lead = f"{sentence} {speaker} said on Tuesday." if speaker else f"{sentence} on Tuesday."
    text = f"{lead} {extra}".strip()
    entities = [
        Entity(id=f"e{n}", name=name, kind=KINDS.get(name, "armed_group"))  # type: ignore[arg-type]
        for n, name in enumerate(dict.fromkeys([*actors, *targets]), start=1)
    ]
    ids = {entity.name: entity.id for entity in entities}
    claims = []
    if speaker:
        claims.append(
            Claim(
                id="c1",
                speaker=speaker,
                cue="said",
                kind="indirect",
                content=span(text, sentence),
                span=(0, len(lead)),
            )
        )
    claim = "c1" if speaker else None
    places = []
    if place:
        lat, lon, country, admin1, feature = PLACES[place]
        places.append(
            Place(
                id="p1",
                name=place,
                lat=lat,
                lon=lon,
                country=country,
                admin1=admin1,
                feature=feature,  # type: ignore[arg-type]
                mentions=[span(text, place)] if place in text else [],
            )
        )
    end = f"2025-03-{day:02d}" if precision == "day" else "2025-03-31"
    start = f"2025-03-{day:02d}" if precision == "day" else "2025-03-01"
    time = Time(
        id="t1",
        text="Tuesday",
        start=start,
        end=end,
        precision=precision,  # type: ignore[arg-type]
        span=span(text, "Tuesday"),
    )
    figure_items = [
        Figure(
            id=f"f{n}",
            value=value,
            measure=measure,  # type: ignore[arg-type]
            subject=subject,
            claim=claim,
            span=span(text, phrase),
        )
        for n, (phrase, value, measure, subject) in enumerate(figures, start=1)
    ]
    label_items = [
        Label(
            id=f"l{n}", term=term, claim=claim if term in sentence else None, span=span(text, term)
        )
        for n, term in enumerate(labels, start=1)
    ]
    event = Event(
        id="v1",
        type=type,  # type: ignore[arg-type]
        actor=[ids[name] for name in actors],
        target=[ids[name] for name in targets],
        place="p1" if place else None,
        time="t1",
        figures=[figure.id for figure in figure_items],
        claim=claim,
        status="claimed" if speaker else "asserted",
        trigger=span(text, sentence.split()[1]),
        span=(0, len(lead)),
    )
    return Article(
        id=article_id(text),
        url=f"https://{outlet.lower().replace(' ', '')}.example/{article_id(text)[:8]}",
        outlet=outlet,
        title=sentence[:60],
        published=f"2025-03-{day:02d}T12:00:00Z",
        text=text,
        entities=entities,
        places=places,
        times=[time],
        claims=claims,
        figures=figure_items,
        labels=label_items,
        events=[event],
    )


def n_clusters(corpus: Corpus, articles: list[Article], **options: object) -> int:
    corpus.add(articles)
    return corpus.fuse(FuseOptions(**options))  # type: ignore[arg-type]


# ------------------------------------------------------------------ the two reference reports


def test_two_sources_on_one_raid_form_one_cluster(corpus: Corpus) -> None:
    corpus.add(all_reports())
    clusters = corpus.clusters().items
    assert len(clusters) == 1
    cluster = clusters[0]
    assert cluster["type"] == "ASSAULT"
    assert {a["article_id"] for a in cluster["articles"]} == {army_report().id, health_report().id}
    assert cluster["outlets"] == ["Daily Two", "Wire One"]
    accounts = {a["source"]: a for a in cluster["accounts"]}
    army = accounts["Israel Defense Forces"]
    health = accounts["Palestinian Ministry of Health"]
    assert "20 terrorists killed" in [f["text"] for f in army["figures"]]
    assert "20 Palestinians killed" in [f["text"] for f in health["figures"]]
    assert army["labels"] == ["terrorists"]
    assert health["labels"] == ["Palestinians"]
    assert cluster["figures"]["killed"] == {"min": 20, "max": 20, "n": 2}


def test_thresholds_are_options(corpus: Corpus) -> None:
    corpus.add(all_reports())
    # the health report dates the raid to Monday, the army to Tuesday: a zero-day window splits them
    assert corpus.fuse(FuseOptions(date_window_days=0)) == 0
    assert corpus.fuse(FuseOptions()) == 1
    # a distance too small to hold one city still fuses identical coordinates
    assert corpus.fuse(FuseOptions(distance_km=0.1)) == 1


def test_actor_overlap_is_required_when_both_name_actors(corpus: Corpus) -> None:
    army = army_report()
    other = health_report()
    other.entities[1].name = "Some Other Force"
    other.entities[2].name = "Farmers"
    corpus.add([army, other])
    assert corpus.fuse(FuseOptions()) == 0
    assert corpus.fuse(FuseOptions(require_actor_overlap=False)) == 1


def test_clusters_refresh_after_new_articles(corpus: Corpus) -> None:
    corpus.add([army_report()])
    assert corpus.clusters().items == []
    corpus.add([health_report()])
    assert len(corpus.clusters().items) == 1


# ------------------------------------------------------------------ one rule each


def test_compatible_types_fuse_and_others_do_not(corpus: Corpus) -> None:
    hijack = report("Gunmen stormed a passenger train near Sibi", place="Sibi")
    hostages = report("Gunmen held passengers hostage near Sibi", type="COERCE", place="Sibi")
    protest = report("Traders marched through Sibi", type="PROTEST", place="Sibi", day=12)
    assert n_clusters(corpus, [hijack, hostages, protest]) == 1
    cluster = corpus.clusters().items[0]
    assert cluster["types"] == {"ASSAULT": 1, "COERCE": 1}


@pytest.mark.parametrize(
    ("first", "second", "fused"),
    [
        ("Sibi", "Dhadar", True),  # neighbouring towns named by different reports
        ("Sibi", "Balochistan", True),  # a town and its province
        ("Sibi", "Lahore", False),  # the same country, 600 km apart
        ("Sibi", "Kandahar", False),  # another country
    ],
)
def test_place_distance(corpus: Corpus, first: str, second: str, fused: bool) -> None:
    one = report(f"Gunmen attacked a train near {first}", place=first)
    two = report(f"Militants opened fire on a train near {second}", place=second, day=12)
    assert n_clusters(corpus, [one, two]) == int(fused)


def test_a_country_alone_needs_a_shared_actor(corpus: Corpus) -> None:
    bare = report("Militants attacked a train in Pakistan", place="Pakistan")
    named = report(
        "The Baloch Liberation Army attacked a train in Pakistan",
        place="Pakistan",
        actors=("Baloch Liberation Army",),
        day=12,
    )
    located = report(
        "The Baloch Liberation Army attacked a train near Sibi",
        place="Sibi",
        actors=("Baloch Liberation Army",),
        day=12,
        outlet="Daily Two",
    )
    corpus.add([bare, named, located])
    clusters = corpus.clusters().items
    assert len(clusters) == 1
    assert {a["article_id"] for a in clusters[0]["articles"]} == {named.id, located.id}


def test_generic_actors_neither_join_nor_separate(corpus: Corpus) -> None:
    # "passengers" is in every train attack: it joins nothing alone, and does not keep the
    # army's report apart from the attackers'
    one = report(
        "The Baloch Liberation Army seized passengers near Sibi",
        place="Sibi",
        actors=("Baloch Liberation Army",),
        targets=("passengers",),
    )
    two = report(
        "The Pakistan Army freed passengers near Dhadar",
        place="Dhadar",
        actors=("Pakistan Army",),
        targets=("passengers",),
        day=12,
    )
    assert n_clusters(corpus, [one, two]) == 0  # two named forces, nothing shared
    corpus.fuse()
    third = report(
        "Gunmen shot passengers near Sibi", place="Sibi", targets=("passengers",), day=12
    )
    assert n_clusters(corpus, [third]) == 1


@pytest.mark.parametrize(("gap", "fused"), [(3, True), (4, False)])
def test_date_window(corpus: Corpus, gap: int, fused: bool) -> None:
    one = report("Gunmen attacked a train near Sibi", place="Sibi", day=10)
    two = report("Gunmen fired on a train near Sibi", place="Sibi", day=10 + gap)
    assert n_clusters(corpus, [one, two]) == int(fused)


def test_an_event_dated_only_to_a_month_does_not_fuse(corpus: Corpus) -> None:
    # the month (March) holds the day: only the vagueness keeps them apart
    one = report("Gunmen attacked a train near Sibi", place="Sibi", day=2)
    background = report("Gunmen attacked trains near Sibi", place="Sibi", precision="month", day=1)
    assert n_clusters(corpus, [one, background]) == 0


def test_a_chain_whose_ends_are_far_apart_is_not_one_incident(corpus: Corpus) -> None:
    actor = ("Baloch Liberation Army",)
    sibi = report(
        "The Baloch Liberation Army attacked a train near Sibi", place="Sibi", actors=actor
    )
    unplaced = report(
        "The Baloch Liberation Army attacked a convoy", actors=actor, day=12, outlet="Daily Two"
    )
    lahore = report(
        "The Baloch Liberation Army bombed a market in Lahore",
        place="Lahore",
        actors=actor,
        day=12,
        outlet="Third Desk",
    )
    corpus.add([sibi, unplaced, lahore])
    clusters = corpus.clusters().items
    assert len(clusters) == 1
    ids = {a["article_id"] for a in clusters[0]["articles"]}
    assert len(ids) == 2 and not {sibi.id, lahore.id} <= ids


def test_clusters_do_not_chain_past_the_span_cap(corpus: Corpus) -> None:
    # a raid every other day in one town: each pair is within the window, the run is not
    raids = [
        report(f"Troops raided homes in Sibi, raid {n}", place="Sibi", day=day)
        for n, day in enumerate((1, 3, 5, 7, 9, 11), start=1)
    ]
    corpus.add(raids)
    corpus.fuse(FuseOptions(max_span_days=4))
    for cluster in corpus.clusters().items:
        first, last = cluster["date_start"], cluster["date_end"]
        assert int(last[-2:]) - int(first[-2:]) <= 4


def test_statements_need_the_same_speaker_and_subject(corpus: Corpus) -> None:
    on_india = report(
        "Pakistan accused India", type="DISAPPROVE", actors=("Pakistan",), targets=("India",)
    )
    again = report(
        "Pakistan condemned India",
        type="DISAPPROVE",
        actors=("Pakistan",),
        targets=("India",),
        day=12,
    )
    other = report(
        "Pakistan criticised the Baloch Liberation Army",
        type="DISAPPROVE",
        actors=("Pakistan",),
        targets=("Baloch Liberation Army",),
        day=12,
        outlet="Daily Two",
    )
    corpus.add([on_india, again, other])
    clusters = corpus.clusters().items
    assert len(clusters) == 1
    assert {a["article_id"] for a in clusters[0]["articles"]} == {on_india.id, again.id}


# ------------------------------------------------------------------ accounts


def test_accounts_hold_only_sources_and_labels_of_the_incident(corpus: Corpus) -> None:
    army = report(
        "Troops killed 33 terrorists near Sibi",
        place="Sibi",
        actors=("Pakistan Army",),
        speaker="The army",
        figures=(("33 terrorists", 33, "killed", "terrorists"),),
        labels=("terrorists", "insurgents", "Rebels"),
        extra="Separately, a minister said the insurgents were funded from abroad. "
        "Rebels have attacked the line before.",
    )
    # the minister speaks in the article, but about something else: no account
    army.claims.append(
        Claim(
            id="c2",
            speaker="a minister",
            cue="said",
            kind="indirect",
            content=span(army.text, "the insurgents were funded from abroad"),
            span=span(army.text, "a minister said the insurgents were funded from abroad"),
        )
    )
    army.labels[1].claim = "c2"
    army.labels[2].refers_to = "e1"  # names an actor of the event, but not in its sentence
    wire = report(
        "Gunmen attacked a train near Dhadar,\n killing at least 21 passengers",
        place="Dhadar",
        actors=("Pakistan Army",),
        figures=(("at least 21 passengers", 21, "killed", "passengers"),),
        labels=("Gunmen",),
        outlet="Daily Two",
        day=12,
    )
    corpus.add([army, wire])
    (cluster,) = corpus.clusters().items
    accounts = {(a["kind"], a["source"]): a for a in cluster["accounts"]}
    assert set(accounts) == {("claim", "The army"), ("outlet", "Daily Two")}
    army_account = accounts[("claim", "The army")]
    assert army_account["labels"] == ["terrorists"]
    assert army_account["says"] == "33 terrorists killed"
    outlet = accounts[("outlet", "Daily Two")]
    assert outlet["labels"] == ["Gunmen"]
    assert outlet["says"] == "at least 21 passengers killed"
    assert "\n" not in outlet["evidence"] and outlet["evidence"].startswith("Gunmen attacked")


def test_says_without_figures_is_the_shortest_quote_trimmed(corpus: Corpus) -> None:
    one = report("Gunmen attacked a train near Sibi", place="Sibi", speaker="A railway official")
    two = report("Gunmen blew up the tracks near Dhadar", place="Dhadar", day=12)
    corpus.add([one, two])
    (cluster,) = corpus.clusters().items
    says = {a["source"]: a["says"] for a in cluster["accounts"]}
    assert says["A railway official"] == (
        "Gunmen attacked a train near Sibi A railway official said on Tuesday."
    )
    assert says["Wire One"] == "Gunmen blew up the tracks near Dhadar on Tuesday."
    long = "word " * 80
    trimmed = trim_quote(f"\n{long}\n")
    assert len(trimmed) <= 160 and trimmed.endswith("…") and "\n" not in trimmed


@pytest.mark.parametrize(
    ("figure", "quote", "text"),
    [
        ({"value": 34500, "low": 34500, "measure": "killed", "subject": "people"},
         "more than 34,500 people", "more than 34,500 people killed"),
        ({"value": 35, "low": 35, "measure": "injured", "subject": "people"},
         "35 people", "at least 35 people injured"),
        ({"value": 250, "measure": "hostages", "subject": "hostages"},
         "250 hostages", "250 hostages"),
        ({"value": 100, "measure": "hostages", "subject": "passengers"},
         "nearly 100 passengers", "nearly 100 passengers held hostage"),
    ],
)  # fmt: skip
def test_figure_text(figure: dict[str, object], quote: str, text: str) -> None:
    assert figure_text(figure, quote) == text


# ------------------------------------------------------------------ series and table


def test_a_rising_toll_is_one_series_by_source(corpus: Corpus) -> None:
    corpus.add(
        [
            toll_report(8, 5, "the mayor"),
            toll_report(9, 12, "the health ministry", outlet="Daily Two"),
            toll_report(10, 19, "the health ministry"),
        ]
    )
    series = corpus.figure_series(measures=["killed"])
    assert len(series) == 1
    points = series[0].points
    assert [p.value for p in points] == [5, 12, 19]
    assert series[0].sources == ["the health ministry", "the mayor"]
    assert series[0].place == "PS/West Bank"
    # the three reports are also one incident
    clusters = corpus.clusters().items
    assert len(clusters) == 1 and clusters[0]["figures"]["killed"]["max"] == 19
    assert series[0].incident == clusters[0]["id"]


def test_an_incident_toll_is_one_series_whatever_the_wording(corpus: Corpus) -> None:
    actor = ("Baloch Liberation Army",)
    tolls = [
        report(
            f"Militants killed {count} {subject} near Sibi",
            place="Sibi",
            actors=actor,
            day=day,
            speaker=speaker,
            figures=((f"{count} {subject}", count, "killed", subject),),
            outlet=f"Desk {day}",
        )
        for day, count, subject, speaker in (
            (11, 16, "soldiers", "Security sources"),
            (12, 21, "passengers", "Officials"),
            (14, 31, "people", "The military"),
        )
    ]
    corpus.add(tolls)
    series = corpus.figure_series(measures=["killed"])
    assert len(series) == 1
    assert [point.value for point in series[0].points] == [16, 21, 31]
    assert [point.subject for point in series[0].points] == ["soldiers", "passengers", "people"]


def test_table_has_one_row_per_account(db_url: str) -> None:
    with Corpus(db_url) as corpus:
        corpus.add(all_reports())
    runner = CliRunner()
    result = runner.invoke(clusters_command, ["--db", db_url, "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert list(rows[0]) == [
        "incident", "type", "dates", "place", "source", "figures", "labels", "evidence"
    ]  # fmt: skip
    assert {row["source"] for row in rows} == {
        "Israel Defense Forces",
        "Palestinian Ministry of Health",
    }
    assert {row["dates"] for row in rows} == {"2024-05-06/07"}
    table = runner.invoke(clusters_command, ["--db", db_url])
    assert table.exit_code == 0
    assert max(len(line) for line in table.output.splitlines()) <= 160
    assert "20 terrorists killed" in table.output
