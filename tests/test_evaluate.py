"""The scorer alone, on records and gold dicts written by hand (no NLP runs here)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from totor import evaluate
from totor.cli_eval import eval_command
from totor.evaluate import (
    distance_km,
    find_quote,
    load_gold,
    match_greedy,
    names_match,
    score_articles,
)
from totor.model import Article, Claim, Entity, Event, Figure, Label, Place, Time

TEXT = (
    "Ukrainian forces shelled a Russian supply depot near Horlivka on Tuesday, killing "
    "four soldiers, the Ukrainian military said. Russia's defense ministry said two "
    "civilians were wounded in the strike and called the attackers terrorists."
)


def span(text: str, quote: str) -> tuple[int, int]:
    start = text.index(quote)
    return (start, start + len(quote))


def record(**lists: Any) -> Article:
    """An Article over TEXT with the given item lists."""
    return Article(id="a1", text=TEXT, published="2024-03-06", **lists)


ENTITIES = [
    Entity(id="e1", name="Ukrainian Armed Forces", kind="military", country="UA",
           aliases=["Ukrainian forces", "Ukrainian military"],
           mentions=[span(TEXT, "Ukrainian forces")]),
    Entity(id="e2", name="Russian Armed Forces", kind="military", country="RU",
           aliases=["Russian supply depot"], mentions=[span(TEXT, "Russian supply depot")]),
    Entity(id="e3", name="Russian Ministry of Defence", kind="government", country="RU",
           aliases=["Russia's defense ministry"], mentions=[span(TEXT, "Russia's defense ministry")]),
]  # fmt: skip
CLAIMS = [
    Claim(id="c1", speaker="the Ukrainian military", speaker_entity="e1", cue="said",
          kind="indirect", content=(0, span(TEXT, ", the Ukrainian")[0]),
          span=(0, span(TEXT, "said.")[1])),
    Claim(id="c2", speaker="Russia's defense ministry", speaker_entity="e3", cue="said",
          kind="indirect", content=span(TEXT, "two civilians were wounded in the strike"),
          span=span(TEXT, "Russia's defense ministry said two civilians were wounded in the strike")),
]  # fmt: skip
PLACES = [
    Place(id="p1", name="Horlivka", geonameid=708215, lat=48.33576, lon=38.05325,
          country="UA", feature="city", mentions=[span(TEXT, "Horlivka")]),
]  # fmt: skip
EVENT = Event(
    id="v1", type="ASSAULT", actor=["e1"], target=["e2"], place="p1", claim="c1",
    status="claimed", trigger=span(TEXT, "shelled"),
    span=span(TEXT, "Ukrainian forces shelled a Russian supply depot near Horlivka"),
)  # fmt: skip
FIGURES = [
    Figure(id="f1", value=4, measure="killed", subject="soldiers", claim="c1",
           span=span(TEXT, "four soldiers")),
    Figure(id="f2", value=2, measure="injured", subject="civilians", claim="c2",
           span=span(TEXT, "two civilians were wounded")),
]  # fmt: skip
TIMES = [Time(id="t1", text="Tuesday", start="2024-03-05", span=span(TEXT, "Tuesday"))]
LABELS = [
    Label(id="l1", term="terrorists", refers_to="e1", claim="c2", span=span(TEXT, "terrorists"))
]


def full_record() -> Article:
    return record(
        entities=ENTITIES, claims=CLAIMS, places=PLACES, events=[EVENT],
        figures=FIGURES, times=TIMES, labels=LABELS,
    )  # fmt: skip


def gold() -> dict[str, Any]:
    return {
        "format": "totor/gold@1",
        "id": "a1",
        "events": [
            {"type": "ASSAULT", "actor": ["Ukraine"], "target": ["Russia"], "place": "Horlivka",
             "status": "claimed", "trigger": "shelled",
             "evidence": "shelled a Russian supply depot near Horlivka"},
        ],
        "figures": [
            {"measure": "killed", "value": 4, "source": "Ukrainian military",
             "evidence": "killing four soldiers"},
            {"measure": "injured", "value": 2, "source": "Russian defense ministry",
             "evidence": "two civilians were wounded"},
        ],
        "claims": [
            {"speaker": "Ukrainian military", "cue": "said", "kind": "indirect",
             "evidence": "Ukrainian forces shelled a Russian supply depot"},
            {"speaker": "Russia's defense ministry", "cue": "said", "kind": "indirect",
             "evidence": "two civilians were wounded in the strike"},
        ],
        "places": [{"name": "Horlivka", "geonameid": 708215, "lat": 48.33, "lon": 38.05,
                    "country": "UA"}],
        "times": [{"text": "Tuesday", "start": "2024-03-05", "precision": "day"}],
        "labels": [{"term": "terrorists", "refers_to": "Ukrainian forces",
                    "evidence": "terrorists"}],
    }  # fmt: skip


def test_perfect_match_scores_one_everywhere() -> None:
    report = score_articles([(full_record(), gold())])
    for kind, score in report.scores.items():
        assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0), kind
    assert report.exact["casualties_exact"].value == 1.0
    assert report.exact["casualties_exact_attributed"].total == 2
    assert report.diffs == []


def test_missed_item_lowers_recall_only_and_is_listed() -> None:
    article = full_record().model_copy(update={"times": []})
    report = score_articles([(article, gold())], kinds=["times"])
    score = report.scores["times"]
    assert (score.matched, score.gold, score.found) == (0, 1, 0)
    assert score.recall == 0.0
    [diff] = report.diffs
    assert (diff.status, diff.kind, diff.quote) == ("missed", "times", "Tuesday")


def test_extra_item_lowers_precision_only_and_quotes_it() -> None:
    extra = Time(id="t2", text="on Tuesday", start="2024-03-12", span=span(TEXT, "on Tuesday"))
    article = full_record().model_copy(update={"times": [*TIMES, extra]})
    report = score_articles([(article, gold())], kinds=["times"])
    score = report.scores["times"]
    assert score.recall == 1.0
    assert score.precision == 0.5
    assert [(d.status, d.quote) for d in report.diffs] == [("extra", "on Tuesday")]


def test_one_gold_item_matches_one_found_item_only() -> None:
    duplicate = FIGURES[0].model_copy(update={"id": "f9"})
    article = full_record().model_copy(update={"figures": [*FIGURES, duplicate]})
    report = score_articles([(article, gold())], kinds=["figures", "casualties_exact"])
    score = report.scores["figures"]
    assert (score.matched, score.gold, score.found) == (2, 2, 3)
    # the killed count is reported twice, so the per-article count no longer equals gold
    assert report.exact["casualties_exact"].right == 1


def test_actor_names_match_through_aliases_and_word_overlap() -> None:
    assert names_match("U.S. forces", "United States")
    assert names_match("the Islamic State", "ISIS")
    assert names_match("Iraq", "Iraqi special forces")
    assert not names_match("Iraqi officials", "U.S. officials")
    assert not names_match("Iran", "Iraq")
    assert not names_match("the government", "the military")


def test_event_needs_matching_actor_but_type_only_does_not() -> None:
    wrong_actor = EVENT.model_copy(update={"actor": ["e3"], "target": ["e2"]})
    article = full_record().model_copy(update={"events": [wrong_actor]})
    report = score_articles([(article, gold())], kinds=["events", "events_type"])
    assert report.scores["events"].f1 == 0.0
    assert report.scores["events_type"].f1 == 1.0


def test_event_place_compared_only_when_both_name_one() -> None:
    elsewhere = Place(id="p2", name="Kherson", geonameid=706448, lat=46.65, lon=32.61,
                      mentions=[])  # fmt: skip
    moved = EVENT.model_copy(update={"place": "p2"})
    article = full_record().model_copy(update={"events": [moved], "places": [*PLACES, elsewhere]})
    assert score_articles([(article, gold())], kinds=["events"]).scores["events"].f1 == 0.0
    unplaced = EVENT.model_copy(update={"place": None})
    article = full_record().model_copy(update={"events": [unplaced]})
    assert score_articles([(article, gold())], kinds=["events"]).scores["events"].f1 == 1.0


def test_place_within_25_km_matches_and_farther_does_not() -> None:
    near = PLACES[0].model_copy(update={"geonameid": 1, "lat": 48.40, "lon": 38.20})
    far = PLACES[0].model_copy(update={"geonameid": 1, "lat": 48.0, "lon": 37.8})
    assert distance_km(48.33, 38.05, 48.40, 38.20) < 25 < distance_km(48.33, 38.05, 48.0, 37.8)
    for place, expected in ((near, 1.0), (far, 0.0)):
        article = full_record().model_copy(update={"places": [place]})
        report = score_articles([(article, gold())], kinds=["places"])
        assert report.scores["places"].f1 == expected


def test_place_without_coordinates_in_gold_matches_by_name() -> None:
    region = {"name": "Donbas", "geonameid": None, "lat": None, "lon": None}
    found = Place(id="p1", name="Donbas", lat=48.0, lon=38.5, feature="region")
    article = full_record().model_copy(update={"places": [found]})
    report = score_articles([(article, {**gold(), "places": [region]})], kinds=["places"])
    assert report.scores["places"].f1 == 1.0


def test_figure_with_wrong_speaker_counts_only_unattributed() -> None:
    misattributed = FIGURES[0].model_copy(update={"claim": "c2"})
    article = full_record().model_copy(update={"figures": [misattributed, FIGURES[1]]})
    report = score_articles([(article, gold())])
    assert report.scores["figures"].f1 == 1.0
    assert report.scores["figures_attributed"].matched == 1
    assert report.exact["casualties_exact"].value == 1.0
    assert report.exact["casualties_exact_attributed"].value == 0.5


def test_figure_stated_by_outlet_must_have_no_claim_for_attribution() -> None:
    outlet_gold = {**gold(), "figures": [{**gold()["figures"][0], "source": None}]}
    report = score_articles([(full_record(), outlet_gold)], kinds=["figures_attributed"])
    assert report.scores["figures_attributed"].matched == 0


def test_claim_needs_speaker_and_content_overlap() -> None:
    swapped = [
        CLAIMS[0].model_copy(update={"content": CLAIMS[1].content}),
        CLAIMS[1].model_copy(update={"content": CLAIMS[0].content, "span": CLAIMS[0].content}),
    ]
    article = full_record().model_copy(update={"claims": swapped})
    report = score_articles([(article, gold())], kinds=["claims"])
    assert report.scores["claims"].matched == 0


def test_label_needs_term_and_referent() -> None:
    wrong_referent = LABELS[0].model_copy(update={"refers_to": "e2"})
    article = full_record().model_copy(update={"labels": [wrong_referent]})
    assert score_articles([(article, gold())], kinds=["labels"]).scores["labels"].f1 == 0.0


def test_greedy_matching_prefers_best_pairs() -> None:
    matching = match_greedy([1, 2], [2, 1], lambda g, f: 1.0 if g == f else 0.1)
    assert matching.pairs == [(0, 1), (1, 0)]
    assert matching.missed == [] and matching.extra == []


def test_find_quote_tolerates_whitespace_differences() -> None:
    text = "killed  in an\nairstrike"
    assert find_quote(text, "killed in an airstrike") == [(0, len(text))]


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError):
        score_articles([(full_record(), gold())], kinds=["weather"])


def test_gold_file_text_is_embedded_or_looked_up(tmp_path: Path) -> None:
    corpus = tmp_path / "corpora" / "wire"
    corpus.mkdir(parents=True)
    (corpus / "stories.jsonl").write_text(
        json.dumps({"id": "77", "text": TEXT, "published": "2024-03-06 10:00Z", "title": "T"})
        + "\n",
        encoding="utf-8",
    )
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / "77.json").write_text(json.dumps({"corpus": "wire", "id": "77"}))
    (gold_dir / "own.json").write_text(json.dumps({"id": "x", "text": "Embedded text."}))
    looked_up = load_gold(gold_dir / "77.json")
    assert (looked_up.text, looked_up.published, looked_up.title) == (TEXT, "2024-03-06", "T")
    assert load_gold(gold_dir / "own.json").text == "Embedded text."
    (gold_dir / "lost.json").write_text(json.dumps({"corpus": "wire", "id": "404"}))
    with pytest.raises(evaluate.GoldError):
        load_gold(gold_dir / "lost.json")


class FakePipeline:
    """Stands in for totor.Pipeline: returns a fixed record per document."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.batches: list[int] = []

    def process(self, documents: Any) -> Any:
        documents = list(documents)
        self.batches.append(len(documents))
        return [self.article.model_copy(update={"text": d.text}) for d in documents]


def test_eval_command_prints_table_json_and_diff(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a1.json").write_text(json.dumps({**gold(), "text": TEXT}))
    fake = FakePipeline(full_record().model_copy(update={"times": []}))
    original = evaluate.evaluate_gold
    monkeypatch.setattr(
        "totor.cli_eval.evaluate_gold",
        lambda golds, kinds=None: original(golds, pipeline=fake, kinds=kinds),
    )
    runner = CliRunner()
    table = runner.invoke(eval_command, [str(tmp_path), "--verbose"])
    assert table.exit_code == 0, table.output
    assert "events" in table.output and "missed" in table.output and "Tuesday" in table.output
    as_json = runner.invoke(eval_command, [str(tmp_path), "--json", "--kinds", "times,events"])
    scores = json.loads(as_json.output)
    assert set(scores) == {"articles", "times", "events", "events_type"}
    assert scores["times"]["recall"] == 0.0
    assert fake.batches == [1, 1]
    bad = runner.invoke(eval_command, [str(tmp_path), "--kinds", "weather"])
    assert bad.exit_code != 0


def test_vague_speaker_matches_a_name_with_the_same_head_noun() -> None:
    assert names_match("the sources", "security sources")
    assert names_match("officials", "Iraqi officials")
    assert not names_match("the sources", "Iraqi officials")


def test_labels_count_once_per_term_and_referent_and_accept_the_bare_word() -> None:
    second = TEXT.rindex("the attackers")
    repeated = LABELS[0].model_copy(update={"id": "l2", "span": (second, second + 13)})
    bare = LABELS[0].model_copy(update={"id": "l3", "term": "terrorist"})
    article = full_record().model_copy(update={"labels": [bare, repeated]})
    group_gold = {**gold(), "labels": [{**gold()["labels"][0], "term": "terrorist groups"}]}
    score = score_articles([(article, group_gold)], kinds=["labels"]).scores["labels"]
    assert (score.matched, score.gold, score.found) == (1, 1, 1)
