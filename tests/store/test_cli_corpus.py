"""The corpus commands, run through click as the `totor` CLI runs them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import click
from click.testing import CliRunner
from records import all_reports

from totor.cli_corpus import register
from totor.corpus import Corpus


def _cli() -> click.Group:
    @click.group()
    def cli() -> None: ...

    register(cli)
    return cli


def test_query_commands_in_every_format(db_url: str, tmp_path: Path) -> None:
    with Corpus(db_url) as corpus:
        corpus.add(all_reports())
    runner = CliRunner()
    cli = _cli()
    result = runner.invoke(
        cli, ["events", "--db", db_url, "--type", "ASSAULT", "--format", "json", "--limit", "1"]
    )
    assert result.exit_code == 0, result.output
    page = json.loads(result.output)
    assert len(page["items"]) == 1 and page["next"]
    result = runner.invoke(
        cli,
        [
            "events",
            "--db",
            db_url,
            "--type",
            "ASSAULT",
            "--format",
            "json",
            "--cursor",
            page["next"],
        ],
    )
    assert len(json.loads(result.output)["items"]) == 2
    result = runner.invoke(
        cli, ["figures", "--db", db_url, "--measure", "killed", "--format", "csv"]
    )
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert sorted(float(row["value"]) for row in rows) == [4, 20, 20]
    result = runner.invoke(cli, ["clusters", "--db", db_url], env={"COLUMNS": "250"})
    assert (
        result.exit_code == 0
        and "Israel Defense" in result.output
        and "terrorists" in result.output
    )
    result = runner.invoke(cli, ["search", "Kharkiv", "--db", db_url, "--format", "json"])
    assert [item["title"] for item in json.loads(result.output)["items"]] == [
        "Missiles hit Kharkiv"
    ]
    out = tmp_path / "events.geojson"
    result = runner.invoke(
        cli, ["export", "geojson", str(out), "--db", db_url, "--type", "PROTEST"]
    )
    assert result.exit_code == 0 and len(json.loads(out.read_text())["features"]) == 1
    result = runner.invoke(cli, ["ingest", "--report", "--db", db_url])
    assert result.exit_code == 0 and "0 failed items" in result.output
