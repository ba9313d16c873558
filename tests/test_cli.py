"""`totor extract` and `totor schema` end to end: real readers, real pipeline, real files."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from totor.cli import main
from totor.model import Article, json_schema

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def run(args: list[str], stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, args, input=stdin, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def tabloid() -> Article:
    code, out, err = run(["extract", str(FIXTURES / "offensive_tabloid.txt")])
    assert code == 0, err
    return Article.model_validate_json(out)


def names(article: Article, ids: list[str]) -> set[str]:
    by_id = {e.id: e.name for e in article.entities}
    return {by_id[i] for i in ids}


def test_extract_reads_title_date_and_drops_page_furniture(tabloid: Article) -> None:
    assert tabloid.title == "ARMOUR PUSHES INTO KHAN YOUNIS AS TRUCE BID COLLAPSES"
    assert tabloid.published == "2024-03-12"
    assert not tabloid.text.rstrip().endswith("Comments")
    assert "Comments" not in tabloid.text


def test_every_item_carries_a_span_inside_the_text(tabloid: Article) -> None:
    n = len(tabloid.text)
    spans = [e.span for e in tabloid.events] + [e.trigger for e in tabloid.events]
    spans += [f.span for f in tabloid.figures] + [c.span for c in tabloid.claims]
    spans += [t.span for t in tabloid.times] + [label.span for label in tabloid.labels]
    spans += [m for p in tabloid.places for m in p.mentions]
    spans += [m for e in tabloid.entities for m in e.mentions]
    assert spans
    assert all(0 <= s < e <= n for s, e in spans)


def test_ground_offensive_ceasefire_accept_and_reject(tabloid: Article) -> None:
    types = {e.type for e in tabloid.events}
    assert {"ASSAULT", "AGREE", "REJECT"} <= types
    agree = next(e for e in tabloid.events if e.type == "AGREE")
    reject = next(e for e in tabloid.events if e.type == "REJECT")
    assert "Hamas" in names(tabloid, agree.actor)
    assert names(tabloid, reject.actor) & {"Israel", "Israeli government", "Israel Defense Forces"}
    assaults = [e for e in tabloid.events if e.type == "ASSAULT"]
    assert any("Israel Defense Forces" in names(tabloid, e.actor) for e in assaults)


def test_casualty_figures_are_tied_to_who_claims_them(tabloid: Article) -> None:
    claims = {c.id: c for c in tabloid.claims}
    killed = {f.value: f for f in tabloid.figures if f.measure == "killed"}
    army = killed[15]
    assert army.claim is not None
    assert claims[army.claim].speaker_entity is not None
    speaker = next(e for e in tabloid.entities if e.id == claims[army.claim].speaker_entity)
    assert speaker.name == "Israel Defense Forces"
    toll = killed[31100]
    assert toll.low == 31100 and toll.high is None
    assert toll.claim is not None
    assert "health ministry" in claims[toll.claim].speaker.lower()


def test_direct_quote_has_its_speaker(tabloid: Article) -> None:
    quote = next(c for c in tabloid.claims if c.kind == "direct")
    assert "Lior Ben-David" in quote.speaker
    assert tabloid.quote(quote.content).startswith("Our forces will keep up the pressure")


def test_places_are_geocoded_in_gaza(tabloid: Article) -> None:
    khan_younis = next(p for p in tabloid.places if p.name == "Khan Younis")
    assert khan_younis.country == "PS"
    assert khan_younis.lat is not None and 31.2 < khan_younis.lat < 31.5


def test_rafah_in_gaza_not_egypt() -> None:
    code, out, err = run(["extract", str(SAMPLES / "text" / "2024-05-07-rafah-tanks.txt")])
    assert code == 0, err
    article = Article.model_validate_json(out)
    rafah = next(p for p in article.places if p.name == "Rafah")
    assert rafah.country == "PS"
    assert "Comments" not in article.text


def test_label_used_by_the_army(tabloid: Article) -> None:
    claims = {c.id: c for c in tabloid.claims}
    terrorists = next(label for label in tabloid.labels if label.term == "terrorists")
    assert terrorists.claim is not None
    assert claims[terrorists.claim].speaker_entity is not None


def test_relative_dates_normalised_against_publication(tabloid: Article) -> None:
    by_text = {t.text.lower(): t for t in tabloid.times}
    assert by_text["overnight"].start == "2024-03-11"
    october = next(t for t in tabloid.times if "October 7" in t.text)
    assert october.start == "2023-10-07"


def test_bad_inputs_are_reported_and_the_batch_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Police arrested 12 protesters in the capital on Monday, officials said.\n")
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n")
    binary = tmp_path / "blob.bin"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"text": "Troops were deployed to the border on Friday."}\n{"text": \n')
    missing = tmp_path / "nowhere.txt"
    code, out, err = run(
        [
            "extract",
            "--format",
            "jsonl",
            str(good),
            str(empty),
            str(binary),
            str(broken),
            str(missing),
        ]
    )
    assert code == 1
    records = [Article.model_validate_json(line) for line in out.splitlines()]
    assert len(records) == 2  # good.txt and the first line of broken.jsonl
    for bad in (empty, binary, missing):
        assert str(bad) in err
    assert "broken.jsonl:2" in err


def test_oversized_input_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("Shelling continued overnight. " * 2000)
    code, out, err = run(["extract", "--max-bytes", "1000", str(big)])
    assert code == 1
    assert out == ""
    assert "big.txt" in err


def test_stdin_and_published_option() -> None:
    code, out, err = run(
        ["extract", "-", "--published", "2024-05-07", "--format", "jsonl"],
        stdin="Russian forces shelled Kharkiv on Monday, killing three people, the governor said.\n",
    )
    assert code == 0, err
    article = Article.model_validate_json(out)
    assert article.published == "2024-05-07"
    monday = next(t for t in article.times if t.text.endswith("Monday"))
    assert monday.start == "2024-05-06"


def test_table_view_shows_events_with_sources(tabloid: Article) -> None:
    code, out, _ = run(["extract", "--format", "table", str(FIXTURES / "offensive_tabloid.txt")])
    assert code == 0
    for heading in ("Events", "Figures", "Claims", "Places"):
        assert heading in out
    assert "ASSAULT" in out and "Israel Defense Forces" in out


def test_schema_is_the_records_json_schema() -> None:
    code, out, _ = run(["schema"])
    assert code == 0
    schema = json.loads(out)
    assert schema == json.loads(json.dumps(json_schema()))
    assert schema["$id"] == "totor/article@1"
    for kind in ("entities", "places", "times", "figures", "claims", "events", "labels"):
        assert kind in schema["properties"]


def test_installed_entry_point_runs() -> None:
    totor = shutil.which("totor") or str(Path(sys.executable).parent / "totor")
    completed = subprocess.run([totor, "--help"], capture_output=True, text=True, check=False)
    assert completed.returncode == 0
    assert "extract" in completed.stdout
