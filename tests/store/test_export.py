"""Every export format loads in pandas and DuckDB and says what the store holds."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from records import all_reports, army_report, health_report

from totor.corpus import Corpus
from totor.export import FORMATS, acled_types


@pytest.fixture
def filled(corpus: Corpus) -> Corpus:
    corpus.add(all_reports())
    return corpus


def test_every_format_loads_in_pandas_and_duckdb(filled: Corpus, tmp_path: Path) -> None:
    readers = {
        "jsonl": (lambda p: pd.read_json(p, lines=True), "read_json_auto"),
        "csv": (pd.read_csv, "read_csv_auto"),
        "parquet": (pd.read_parquet, "read_parquet"),
        "geojson": (
            lambda p: pd.json_normalize(json.loads(Path(p).read_text())["features"]),
            "read_json_auto",
        ),
        "plover": (pd.read_json, "read_json_auto"),
        "acled": (pd.read_csv, "read_csv_auto"),
    }
    expected = {"jsonl": 3, "csv": 4, "parquet": 4, "geojson": 4, "plover": 4, "acled": 4}
    for fmt in FORMATS:
        path = tmp_path / f"out.{fmt}"
        assert filled.export(fmt, path) == expected[fmt], fmt
        read_pandas, duck_function = readers[fmt]
        assert len(read_pandas(path)) == expected[fmt], fmt
        source = f"{duck_function}('{path}')"
        if fmt == "geojson":  # a FeatureCollection: one row per feature
            source = f"(SELECT unnest(features) FROM {source})"
        duck_rows = duckdb.connect().execute(f"SELECT count(*) FROM {source}").fetchone()
        assert duck_rows is not None
        assert duck_rows[0] == expected[fmt], fmt


def test_acled_export_maps_types_and_keeps_lowest_toll(filled: Corpus, tmp_path: Path) -> None:
    path = tmp_path / "acled.csv"
    filled.export("acled", path)
    frame = duckdb.connect().execute(f"SELECT * FROM read_csv_auto('{path}')").df()
    assert list(frame.columns)[:5] == [
        "event_id_cnty",
        "event_date",
        "year",
        "event_type",
        "sub_event_type",
    ]
    kharkiv = frame[frame["location"] == "Kharkiv"].set_index("event_type")
    assert kharkiv.loc["Explosions/Remote violence", "sub_event_type"] == (
        "Shelling/artillery/missile attack"
    )
    assert kharkiv.loc["Explosions/Remote violence", "fatalities"] == 4
    assert kharkiv.loc["Protests", "fatalities"] == 0
    assert set(frame["geo_precision"]) == {1}
    assert acled_types("SANCTION", None) == ("Strategic developments", "Other")


def test_lowest_figure_is_the_fatality_count(corpus: Corpus, tmp_path: Path) -> None:
    article = army_report()
    article.figures[0].low = 15  # "between 15 and 20 killed": ACLED codes the low end
    corpus.add([article, health_report()])
    path = tmp_path / "acled.csv"
    corpus.export("acled", path)
    assert sorted(pd.read_csv(path)["fatalities"]) == [15, 20]


def test_geojson_points_are_lon_lat(filled: Corpus, tmp_path: Path) -> None:
    path = tmp_path / "events.geojson"
    filled.export("geojson", path)
    collection = json.loads(path.read_text())
    jenin = [f for f in collection["features"] if f["properties"]["place"] == "Jenin"]
    assert jenin[0]["geometry"]["coordinates"] == pytest.approx([35.3008, 32.4603])


def _sqlite_scanner() -> Path:
    """DuckDB's sqlite extension, shipped on the package index by duckdb-ext-sqlite."""
    import duckdb_ext  # type: ignore[import-not-found]

    found = list(
        Path(duckdb_ext.__path__[0]).glob("extensions/*/*/sqlite_scanner.duckdb_extension")
    )
    assert found, "duckdb-ext-sqlite is installed but holds no sqlite_scanner extension"
    return found[0]


def test_sqlite_file_opens_in_sqlite_duckdb_and_datasette(tmp_path: Path) -> None:
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    import duckdb
    from datasette.app import Datasette

    db = tmp_path / "corpus.db"
    with Corpus(db) as corpus:
        corpus.add(all_reports())
    # plain sqlite3, read-only, with full-text search
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    tables = {
        row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
    }
    assert {"articles", "events", "figures", "claims", "labels", "articles_fts"} <= tables
    hits = connection.execute(
        "SELECT a.title FROM articles_fts JOIN articles a ON a.pk = articles_fts.rowid "
        "WHERE articles_fts MATCH 'missiles'"
    ).fetchall()
    assert hits == [("Missiles hit Kharkiv",)]
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    n_events = connection.execute("SELECT count(*) FROM events").fetchone()[0]
    connection.close()

    # DuckDB attaches the file through its sqlite extension
    duck = duckdb.connect()
    duck.execute(f"LOAD '{_sqlite_scanner()}'")
    duck.execute(f"ATTACH '{db}' AS corpus (TYPE sqlite, READ_ONLY)")
    assert duck.execute("SELECT count(*) FROM corpus.events").fetchone() == (n_events,)
    titles = {row[0] for row in duck.execute("SELECT title FROM corpus.articles").fetchall()}
    assert "Missiles hit Kharkiv" in titles

    # Datasette serves its tables as JSON
    async def fetch() -> list[dict[str, object]]:
        datasette = Datasette([str(db)])
        response = await datasette.client.get("/corpus/events.json?_shape=array&_size=max")
        assert response.status_code == 200, response.text
        rows: list[dict[str, object]] = response.json()
        return rows

    # a thread of its own: another test (playwright) may have left an event loop running here
    with ThreadPoolExecutor(max_workers=1) as pool:
        rows = pool.submit(asyncio.run, fetch()).result()
    assert len(rows) == n_events
