"""The ``totor`` command line.

Commands of other modules (corpus, evaluation, web) attach themselves through a
``register(group)`` function, so this file stays short. Their modules import their heavy
dependencies inside the commands, so ``totor --help`` starts fast.
"""

from __future__ import annotations

import importlib
import json
import sys
from dataclasses import replace

import click
from rich.console import Console

from totor.model import Article, json_schema
from totor.options import PipelineOptions
from totor.readers.base import ReadError, ReadOptions

#: modules that add commands: each defines ``register(group: click.Group) -> None``
COMMAND_MODULES = ("totor.cli_corpus", "totor.cli_eval", "totor.web.cli")

stderr = Console(stderr=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="totor")
def main() -> None:
    """totor: news reports in, sourced event records out."""


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--published", help="Publication date (ISO) for inputs that carry none.")
@click.option("--url", help="URL to record for inputs that carry none.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "jsonl", "table"]),
    default="json",
    show_default=True,
    help="json: one pretty record per article; jsonl: one line each; table: a readable view.",
)
@click.option(
    "--max-bytes",
    type=int,
    default=ReadOptions.max_bytes,
    show_default=True,
    help="Largest text accepted from one input.",
)
@click.option("--model", help="spaCy model to load (default: en_core_web_sm if installed).")
def extract(
    inputs: tuple[str, ...],
    published: str | None,
    url: str | None,
    fmt: str,
    max_bytes: int,
    model: str | None,
) -> None:
    """Extract records from INPUTS: files, directories, globs, '-' (stdin) or http(s) URLs.

    Bad inputs are reported on stderr, one line each; the others are still processed and
    the exit status is 1 when any input failed.
    """
    from totor.api import Pipeline
    from totor.nlp.pipeline import ModelNotFound

    read = ReadOptions(max_bytes=max_bytes, published=published, url=url)
    options = replace(PipelineOptions(), read=read)
    if model:
        options = replace(options, model=model)
    try:
        pipeline = Pipeline(options)
    except ModelNotFound as error:
        raise click.ClickException(str(error)) from error
    failed = 0
    from totor.render import article_table, console

    out = console()
    for item in pipeline.read_and_process(inputs):
        if isinstance(item, ReadError):
            failed += 1
            stderr.print(f"[red]error[/red] {item}", highlight=False)
            continue
        if fmt == "jsonl":
            sys.stdout.write(item.to_json() + "\n")
        elif fmt == "json":
            sys.stdout.write(item.to_json(indent=2) + "\n")
        else:
            out.print(article_table(item))
    sys.stdout.flush()
    if failed:
        stderr.print(f"{failed} input(s) failed", highlight=False)
        sys.exit(1)


@main.command()
def schema() -> None:
    """Print the JSON Schema of the totor/article@1 record."""
    click.echo(json.dumps(json_schema(), indent=2))


@main.group()
def gazetteer() -> None:
    """The offline gazetteer index."""


@gazetteer.command("build")
@click.option("--force", is_flag=True, help="Rebuild even when the index is current.")
def gazetteer_build(force: bool) -> None:
    """Build the compact gazetteer index from the installed GeoNames data."""
    from totor.geo import build_index

    path = build_index(force=force)
    click.echo(f"gazetteer index: {path}")


def _attach_commands() -> None:
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).register(main)


_attach_commands()

__all__ = ["Article", "main"]
