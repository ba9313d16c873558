"""The corpus commands of the ``totor`` CLI: ingest, events, figures, clusters, search, export.

``totor.cli`` attaches them with :func:`register`.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Sequence
from typing import Any

import click
from rich import box
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from totor import render
from totor.corpus import Corpus
from totor.export import FORMATS

db_option = click.option(
    "--db",
    envvar="TOTOR_DB",
    default="totor.db",
    show_default=True,
    help="SQLite file or database URL (postgresql://user:pw@host/db).",
)
format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="Output format.",
)
limit_option = click.option("--limit", type=int, default=50, show_default=True)
cursor_option = click.option("--cursor", default=None, help="The `next` cursor of a previous page.")


def _emit(
    items: list[dict[str, Any]],
    columns: Sequence[str],
    fmt: str,
    next_cursor: str | None,
    title: str,
) -> None:
    if fmt == "json":
        click.echo(json.dumps({"items": items, "next": next_cursor}, ensure_ascii=False, indent=1))
        return
    if fmt == "csv":
        buffer = io.StringIO()
        out = csv.writer(buffer)
        out.writerow(columns)
        for item in items:
            out.writerow([_cell(item.get(column)) for column in columns])
        click.echo(buffer.getvalue(), nl=False)
        return
    table = Table(title=title, show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for item in items:
        table.add_row(*(_cell(item.get(column)) for column in columns))
    console = render.console()
    console.print(table)
    if next_cursor:
        console.print(f"more: --cursor {next_cursor}", style="dim")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict):
        return str(value.get("name") or json.dumps(value, ensure_ascii=False))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@click.command("ingest")
@click.argument("sources", nargs=-1)
@db_option
@click.option("--workers", type=int, default=1, show_default=True, help="NLP processes.")
@click.option("--batch-size", type=int, default=32, show_default=True, help="Articles per commit.")
@click.option("--report", is_flag=True, help="List failed items with their errors and exit.")
def ingest_command(
    sources: tuple[str, ...], db: str, workers: int, batch_size: int, report: bool
) -> None:
    """Read SOURCES (files, directories, globs, JSONL, feeds, WARC, URLs) into the store."""
    corpus = Corpus(db)
    if report:
        failures = corpus.failures(limit=10_000).items
        _emit(
            failures,
            ("source", "stage", "problem", "attempts", "last_seen"),
            "table",
            None,
            f"{len(failures)} failed items",
        )
        return
    if not sources:
        raise click.UsageError("give at least one SOURCE (or --report)")
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
    ) as progress:
        task = progress.add_task("ingesting", total=None)

        def show(counts: Any) -> None:
            progress.update(
                task,
                description=f"[green]{counts.new} new[/] · {counts.versions} versions · "
                f"[yellow]{counts.skipped} skipped[/] · [red]{counts.failed} failed[/]",
            )

        counts = corpus.ingest(sources, workers=workers, batch_size=batch_size, progress=show)
        show(counts)
    click.echo(json.dumps(counts.to_dict()))
    if counts.failed:
        click.echo(f"{counts.failed} items failed: see `totor ingest --report --db {db}`", err=True)


@click.command("events")
@db_option
@click.option("--type", "type_", help="PLOVER type(s), comma-separated.")
@click.option("--actor")
@click.option("--target")
@click.option("--place", help="Place name, admin1, ISO country code or 'lat,lon'.")
@click.option("--radius", "radius_km", type=float, help="Kilometres around --place.")
@click.option("--from", "date_from", help="ISO date, inclusive.")
@click.option("--to", "date_to", help="ISO date, inclusive.")
@click.option("--outlet")
@click.option("--status")
@click.option("--text", help="Full-text query over the article.")
@limit_option
@cursor_option
@format_option
def events_command(
    db: str, type_: str | None, limit: int, cursor: str | None, fmt: str, **filters: Any
) -> None:
    """Events matching every filter given, newest first."""
    with Corpus(db) as corpus:
        page = corpus.events(type=type_, limit=limit, cursor=cursor, **filters)
    items = page.items
    if fmt != "json":
        items = [{**e, "place": (e["place"] or {}).get("name")} for e in items]
    _emit(
        items,
        (
            "id",
            "date",
            "type",
            "status",
            "actors",
            "targets",
            "place",
            "outlet",
            "speaker",
            "evidence",
        ),
        fmt,
        page.next,
        "events",
    )


@click.command("figures")
@db_option
@click.option("--measure", help="killed, injured, ... (comma-separated).")
@click.option("--place")
@click.option("--source", help="Who claims it (speaker) or the outlet.")
@click.option("--from", "date_from")
@click.option("--to", "date_to")
@limit_option
@cursor_option
@format_option
def figures_command(db: str, limit: int, cursor: str | None, fmt: str, **filters: Any) -> None:
    """Casualty and other figures with who claims them."""
    with Corpus(db) as corpus:
        page = corpus.figures(limit=limit, cursor=cursor, **filters)
    _emit(
        page.items,
        (
            "date",
            "measure",
            "value",
            "low",
            "high",
            "subject",
            "place",
            "speaker",
            "outlet",
            "quote",
        ),
        fmt,
        page.next,
        "figures",
    )


@click.command("clusters")
@db_option
@click.option("--refresh", is_flag=True, help="Recompute clusters now.")
@click.option("--type", "type_")
@limit_option
@cursor_option
@format_option
def clusters_command(
    db: str, refresh: bool, type_: str | None, limit: int, cursor: str | None, fmt: str
) -> None:
    """Incidents reported by several articles: one row per source's account of each."""
    corpus = Corpus(db)
    page = corpus.clusters(
        refresh=True if refresh else None, type=type_, limit=limit, cursor=cursor
    )
    if fmt == "json":
        _emit(page.items, (), fmt, page.next, "")
        return

    def dates(cluster: dict[str, Any]) -> str:
        start, end = cluster["date_start"], cluster["date_end"]
        if start == end:
            return start
        # 2025-03-11/14 within a month, 2025-03-30/04-02 within a year
        shared = 8 if start[:8] == end[:8] else 5 if start[:5] == end[:5] else 0
        return f"{start}/{end[shared:]}"

    def source(account: dict[str, Any]) -> str:
        if account.get("kind") == "outlet":
            return f"outlet: {account.get('outlet_name') or account['source']}"
        return str(account["source"])

    columns = ("incident", "type", "dates", "place", "source", "figures", "labels", "evidence")
    rows: list[dict[str, Any]] = []
    for cluster in page.items:
        for number, account in enumerate(cluster["accounts"]):
            figures = [figure["text"] for figure in account["figures"] if figure.get("text")]
            evidence = account.get("evidence") or next(
                (figure["quote"] for figure in account["figures"]), ""
            )
            rows.append(
                {
                    "incident": cluster["id"],
                    "type": cluster["type"],
                    "dates": dates(cluster),
                    "place": (cluster["place"] or {}).get("name"),
                    "source": source(account),
                    "figures": list(dict.fromkeys(figures)),
                    "labels": account["labels"],
                    "evidence": " ".join(evidence.split()),
                    "first": number == 0,
                }
            )
    if fmt == "csv":
        _emit(rows, columns, fmt, page.next, "")
        return
    # 160 columns: fixed widths for the short fields, the evidence gets what is left
    widths = {"incident": 4, "type": 10, "dates": 13, "place": 12, "source": 22, "figures": 24}
    widths["labels"] = 16
    table = Table(
        title=f"incidents ({len(page.items)})",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        expand=True,
    )
    for column in columns:
        table.add_column(
            "id" if column == "incident" else column,
            width=widths.get(column),
            min_width=widths.get(column),
            max_width=widths.get(column),
            overflow="fold" if column in ("figures", "labels", "evidence") else "ellipsis",
            no_wrap=column in ("incident", "type", "dates", "place", "source"),
            ratio=1 if column == "evidence" else None,
        )
    for row in rows:
        if row["first"] and table.row_count:
            table.add_section()
        shown = dict(row)
        if not row["first"]:  # the incident's fields once, at its first account
            shown.update(incident="", type="", dates="", place="")
        evidence = shown["evidence"]
        if len(evidence) > 110:
            evidence = evidence[:109].rsplit(" ", 1)[0] + "…"
        shown["labels"] = ", ".join(row["labels"])
        table.add_row(*(_cell(shown.get(column)) for column in columns[:-1]), evidence)
    console = render.console()
    console.print(table)
    if page.next:
        console.print(f"more: --cursor {page.next}", style="dim")


@click.command("search")
@click.argument("text")
@db_option
@limit_option
@cursor_option
@format_option
def search_command(text: str, db: str, limit: int, cursor: str | None, fmt: str) -> None:
    """Full-text search over the stored articles."""
    with Corpus(db) as corpus:
        page = corpus.search(text, limit=limit, cursor=cursor)
    _emit(
        page.items,
        ("article_id", "published", "outlet", "title", "snippet"),
        fmt,
        page.next,
        f"search: {text}",
    )


@click.command("export")
@click.argument("fmt", metavar="FORMAT", type=click.Choice(FORMATS))
@click.argument("path", type=click.Path(dir_okay=False, writable=True))
@db_option
@click.option("--type", "type_")
@click.option("--from", "date_from")
@click.option("--to", "date_to")
def export_command(
    fmt: str, path: str, db: str, type_: str | None, date_from: str | None, date_to: str | None
) -> None:
    """Write the store as jsonl, csv, parquet, geojson, plover or acled."""
    filters = {
        k: v for k, v in {"type": type_, "date_from": date_from, "date_to": date_to}.items() if v
    }
    with Corpus(db) as corpus:
        written = corpus.export(fmt, path, **filters)
    click.echo(f"{written} rows -> {path}", err=True)


COMMANDS: tuple[click.Command, ...] = (
    ingest_command,
    events_command,
    figures_command,
    clusters_command,
    search_command,
    export_command,
)


def register(group: click.Group) -> None:
    """Attach the corpus commands to the main ``totor`` group."""
    for command in COMMANDS:
        group.add_command(command)


def _standalone() -> click.Group:
    @click.group()
    def corpus_cli() -> None:
        """totor corpus commands."""

    register(corpus_cli)
    return corpus_cli


if __name__ == "__main__":  # python -m totor.cli_corpus, until totor.cli attaches them
    _standalone().main(sys.argv[1:])
