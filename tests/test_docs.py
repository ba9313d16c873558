"""The README must not fall behind the code: commands, components and extensions it names."""

from __future__ import annotations

from pathlib import Path

import click

from totor.cli import main
from totor.nlp.extensions import DOC_EXTENSIONS
from totor.nlp.pipeline import COMPONENTS, PRE_PARSER

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_readme_shows_the_two_setup_commands() -> None:
    assert "make demo" in README
    assert "make test" in README


def test_every_command_is_in_the_readme() -> None:
    assert isinstance(main, click.Group)
    for name in main.commands:
        assert f"totor {name}" in README, f"README does not show `totor {name}`"


def test_every_component_and_extension_is_in_the_readme() -> None:
    for component in (*PRE_PARSER, *COMPONENTS):
        assert f"`{component}`" in README, f"README does not name {component}"
    for extension in DOC_EXTENSIONS:
        if extension != "published":
            assert f"`{extension}`" in README or f"doc._.{extension}" in README, extension


def test_readme_has_no_unfilled_placeholders() -> None:
    for placeholder in (
        "OUTPUT_EXAMPLE",
        "ACCURACY_TABLE",
        "SPEED_TABLE",
        "LIMITATIONS",
        "THROUGHPUT_",
    ):
        assert placeholder not in README
