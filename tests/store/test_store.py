"""Storing records, versions, queries and paging on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from records import all_reports, army_report, health_report, revised, toll_report, unrelated_report

from totor.corpus import Corpus
from totor.readers.base import Document, ReadError


def test_record_round_trips(corpus: Corpus) -> None:
    original = army_report()
    corpus.add([original])
    assert corpus.article(original.id) == original


def test_same_text_is_stored_once(corpus: Corpus) -> None:
    first = corpus.add(all_reports())
    again = corpus.add(all_reports())
    assert (first.new, first.skipped) == (3, 0)
    assert (again.new, again.skipped) == (0, 3)
    assert corpus.store.counts()["articles"] == 3
    assert corpus.count_events() == 4


def test_changed_text_under_same_url_is_a_new_version(corpus: Corpus) -> None:
    original = army_report()
    corpus.add([original])
    update = revised(original, "A second raid followed on Wednesday.")
    counts = corpus.add([update])
    assert counts.versions == 1
    versions = corpus.versions(original.url or "")
    assert [(v.version, v.current) for v in versions] == [(1, False), (2, True)]
    assert versions[1].id == update.id
    # queries see the current version only, unless asked for all
    assert [e["article_id"] for e in corpus.events().items] == [update.id]
    assert len(corpus.events(all_versions=True).items) == 2
    assert corpus.article(original.id) == original


def test_event_filters(corpus: Corpus) -> None:
    corpus.add(all_reports())
    assert {e["type"] for e in corpus.events(type="PROTEST").items} == {"PROTEST"}
    army = corpus.events(actor="israel defense forces").items
    assert {e["outlet"] for e in army} == {"Wire One", "Daily Two"}
    assert corpus.events(target="Israel Defense Forces").items == []
    assert len(corpus.events(target="Palestinian militants").items) == 2
    assert {e["outlet"] for e in corpus.events(outlet="Daily Two").items} == {"Daily Two"}
    assert [e["date"] for e in corpus.events(date_from="2024-05-07").items] == ["2024-05-07"] * 3
    monday = corpus.events(date_to="2024-05-06").items
    assert [e["article_id"] for e in monday] == [health_report().id]
    assert len(corpus.events(status="claimed").items) == 2
    assert len(corpus.events(place="Kharkiv").items) == 2
    assert len(corpus.events(country="PS").items) == 2
    texts = corpus.events(text="missiles industrial").items
    assert {e["article_id"] for e in texts} == {unrelated_report().id}


def test_radius_filter_uses_distance(corpus: Corpus) -> None:
    corpus.add([*all_reports(), toll_report(8, 5, "the mayor")])
    # Tubas is about 17 km from Jenin; Kharkiv is over 1,500 km away
    near_jenin = corpus.events(place="Jenin", radius_km=25).items
    assert {e["place"]["name"] for e in near_jenin} == {"Jenin", "Tubas"}
    only_jenin = corpus.events(place="Jenin", radius_km=5).items
    assert {e["place"]["name"] for e in only_jenin} == {"Jenin"}
    by_coordinates = corpus.events(place="49.99,36.23", radius_km=10).items
    assert {e["place"]["name"] for e in by_coordinates} == {"Kharkiv"}
    with pytest.raises(ValueError):
        corpus.events(place="Atlantis", radius_km=10)


def test_keyset_paging_visits_every_event_once(corpus: Corpus) -> None:
    corpus.add([toll_report(day, 10 + day, "officials") for day in range(1, 12)])
    corpus.add(all_reports())
    seen: list[int] = []
    cursor = None
    while True:
        page = corpus.events(limit=4, cursor=cursor)
        seen.extend(e["id"] for e in page.items)
        cursor = page.next
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == corpus.count_events() == 15
    dates = [e["date"] for e in corpus.events(limit=100).items]
    assert dates == sorted(dates, reverse=True)


def test_figure_filters(corpus: Corpus) -> None:
    corpus.add(all_reports())
    killed = corpus.figures(measure="killed").items
    assert sorted(f["value"] for f in killed) == [4, 20, 20]
    by_health = corpus.figures(source="Palestinian Ministry of Health").items
    assert {(f["measure"], f["value"]) for f in by_health} == {("killed", 20), ("injured", 35)}
    assert {f["quote"] for f in corpus.figures(place="Kharkiv").items} == {"killing four people"}
    assert corpus.figures(measure="killed", date_from="2024-05-08").items == []


def test_full_text_search(corpus: Corpus) -> None:
    corpus.add(all_reports())
    hits = corpus.search("rubble OR stormed").items  # quoted words: both must match
    assert hits == []
    hits = corpus.search("stormed Jenin").items
    assert [h["article_id"] for h in hits] == [health_report().id]
    assert "[stormed]" in hits[0]["snippet"] or "[storm" in hits[0]["snippet"]
    # stemming: "killing" finds "killed"
    assert len(corpus.search("killing").items) == 3


class _Processor:
    """Turns documents into bare records; fails on a marked one."""

    def process(self, documents):  # type: ignore[no-untyped-def]
        from totor.model import Article, article_id

        for document in documents:
            if "CORRUPT" in document.text:
                raise RuntimeError("tokenizer exploded")
            yield Article(id=article_id(document.text), url=document.url, text=document.text)


def test_failed_items_are_kept_with_their_errors(corpus: Corpus) -> None:
    items = [
        Document(text="Troops withdrew from the border town on Friday.", source="a.txt"),
        ReadError("broken.html", "no text found"),
        Document(text="CORRUPT input that breaks the pipeline.", source="b.txt"),
        Document(text="Talks resumed in Doha on Saturday.", source="c.txt"),
    ]
    counts = corpus.ingest_documents(items, processor=_Processor(), batch_size=2)
    assert (counts.new, counts.failed) == (2, 2)
    failures = {f["source"]: f for f in corpus.failures().items}
    assert failures["broken.html"]["problem"] == "no text found"
    assert failures["broken.html"]["stage"] == "read"
    assert "tokenizer exploded" in failures["b.txt"]["problem"]
    again = corpus.ingest_documents(items, processor=_Processor(), batch_size=2)
    assert (again.new, again.skipped) == (0, 2)
    assert {f["attempts"] for f in corpus.failures().items} == {2}
