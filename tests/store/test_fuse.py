"""Fusion of events across articles, and figure series."""

from __future__ import annotations

from records import all_reports, army_report, health_report, toll_report

from totor.corpus import Corpus
from totor.fuse import FuseOptions


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
