"""Load the data files under ``totor/nlp/data`` (lexicons, aliases, patterns), once."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


def data_text(name: str) -> str:
    """The text of one data file shipped in the package."""
    return resources.files("totor.nlp").joinpath("data", name).read_text(encoding="utf-8")


@cache
def load_json(name: str) -> Any:
    """A JSON data file, parsed once per process. Keys starting with '_' are comments."""
    return json.loads(data_text(name))


@cache
def load_tsv(name: str) -> list[list[str]]:
    """Rows of a tab-separated data file; lines starting with '#' are comments."""
    rows = []
    for line in data_text(name).splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.rstrip("\n").split("\t"))
    return rows


def split_list(cell: str) -> list[str]:
    """A '|'-separated cell as a list, without empty items."""
    return [item.strip() for item in cell.split("|") if item.strip()]
