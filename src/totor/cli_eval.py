"""``totor eval GOLD_DIR``: score totor against a folder of gold files."""

from __future__ import annotations

import json
from pathlib import Path

import click

from totor.evaluate import EXACT_KINDS, KINDS, GoldError, evaluate_gold, load_gold_dir

ALL_KINDS = (*KINDS, *EXACT_KINDS)


def _parse_kinds(values: tuple[str, ...]) -> tuple[str, ...] | None:
    """Kinds from repeated and/or comma-separated options; a bare prefix picks its family
    ("figures" also brings "figures_attributed")."""
    if not values:
        return None
    wanted = [part.strip() for value in values for part in value.split(",") if part.strip()]
    chosen: list[str] = []
    for name in wanted:
        family = [k for k in ALL_KINDS if k == name or k.startswith(name + "_")]
        if not family:
            raise click.BadParameter(
                f"unknown kind {name!r}; choose from {', '.join(ALL_KINDS)}", param_hint="--kinds"
            )
        chosen += [k for k in family if k not in chosen]
    return tuple(chosen)


@click.command("eval")
@click.argument(
    "gold_dir", type=click.Path(exists=True, file_okay=False, dir_okay=True, path_type=Path)
)
@click.option("--verbose", "-v", is_flag=True, help="List missed and extra items with quotes.")
@click.option(
    "--kinds",
    "-k",
    multiple=True,
    metavar="KIND[,KIND]",
    help=f"Score only these kinds: {', '.join(ALL_KINDS)}.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_command(gold_dir: Path, verbose: bool, kinds: tuple[str, ...], as_json: bool) -> None:
    """Score totor against the gold files (totor/gold@1) in GOLD_DIR.

    Prints precision, recall and F1 per kind of item, and the exact-match rate of casualty
    counts per article.
    """
    chosen = _parse_kinds(kinds)
    try:
        golds = load_gold_dir(gold_dir)
    except GoldError as error:
        raise click.ClickException(str(error)) from error
    if not golds:
        raise click.ClickException(f"no gold files (*.json) in {gold_dir}")
    report = evaluate_gold(golds, kinds=chosen)
    if as_json:
        payload = report.to_dict(chosen)
        if verbose:
            payload["diffs"] = [d.__dict__ for d in report.diffs]
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    click.echo(report.table(chosen))
    if verbose:
        click.echo("\n- missed (in gold, not found)   + extra (found, not in gold)")
        for line in report.diff_lines():
            click.echo(line)


def register(group: click.Group) -> None:
    """Attach ``eval`` to the totor command group."""
    group.add_command(eval_command)
