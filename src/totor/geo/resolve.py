"""Pick the right gazetteer entry for each toponym of an article.

Every distinct name gets one decision. The score of a candidate adds a prior (population,
kind of place, capital, whether the name is its own) to the article's context: the
countries and first-level regions the other names most likely point to, and a qualifier
right after the name ("Paris, Texas", "Kharkiv, Ukraine"). Context is computed from the
priors of the *other* names, then once more from their first decisions, so that one
unambiguous "Khan Younis" pulls "Rafah" into Gaza.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from totor.geo.gazetteer import Candidate, Gazetteer
from totor.geo.normalise import normalise
from totor.geo.sources import demonyms, place_words

#: prior of each kind of place on a log10-population-like scale
FEATURE_PRIOR: dict[str, float] = {
    "country": 9.5,
    "admin": 6.0,
    "region": 7.5,
    "landmark": 7.0,
}
#: a first-level region scores like a city of its cities' population (plus this lift), up to
#: the "admin" prior: a small province named like a US town should not always win
ADMIN_LIFT = 0.0
#: a second-level region (county, district) scores like a city this much smaller: a bare
#: "Hamilton" is more often the city than the county
ADMIN2_DROP = 0.75
CAPITAL_BONUS = 1.0
ALTERNATE_NAME_PENALTY = 1.0
#: bonus for a candidate in the country (admin region) the article's other names point to,
#: times the share of those names that do
COUNTRY_WEIGHT = 3.0
ADMIN_WEIGHT = 7.0
QUALIFIER_BONUS = 6.0
#: a word shaped like a demonym is one when its stem place outranks it by this much
DEMONYM_MARGIN = 1.0
#: how soft the prior distribution over a name's candidates is
TEMPERATURE = 1.0

_QUALIFIER = re.compile(r"\s*,\s*((?:[A-Z][\w'’.\-]*\.?)(?:\s+[A-Z][\w'’.\-]*){0,3})")


@dataclass(frozen=True, slots=True)
class Mention:
    """A toponym in the text: its surface form and character offsets."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Resolution:
    candidate: Candidate | None
    confidence: float


@dataclass(frozen=True)
class _Words:
    heads: tuple[str, ...]
    admin_heads: frozenset[str]
    directions: frozenset[str]
    abbreviations: dict[str, str]
    demonyms: dict[str, str]
    demonym_endings: tuple[tuple[str, tuple[str, ...]], ...]
    formal_prefixes: tuple[str, ...]


@lru_cache(maxsize=1)
def _words() -> _Words:
    data: dict[str, Any] = place_words()
    return _Words(
        heads=tuple(sorted((normalise(w) for w in data["generic_heads"]), key=len, reverse=True)),
        admin_heads=frozenset(normalise(w) for w in data["admin_heads"]),
        directions=frozenset(normalise(w) for w in data["direction_words"]),
        abbreviations={
            normalise(k).replace(" ", ""): v for k, v in data["us_state_abbreviations"].items()
        },
        demonyms=demonyms(),
        demonym_endings=tuple(
            (str(ending), tuple(str(r) for r in restores))
            for ending, restores in data["demonym_endings"].items()
        ),
        formal_prefixes=tuple(
            sorted((normalise(w) + " " for w in data["formal_prefixes"]), key=len, reverse=True)
        ),
    )


def candidates_for(name: str, gazetteer: Gazetteer) -> tuple[Candidate, ...]:
    """Candidates of a name, with the forms news uses around names.

    'W.Va.' -> West Virginia (an AP abbreviation wins over the Norwegian village 'Flå');
    'Canadian' -> Canada (a resolver handed a demonym places it in its country, not in the
    Texas town of that name); 'northern Kharkiv region' -> Kharkiv, but 'Laurel County'
    never falls back to the town of Laurel.
    """
    key = normalise(name)
    words = _words()
    if "." in name:
        state = words.abbreviations.get(key.replace(" ", ""))
        if state:
            admin = gazetteer.admin("US", state)
            return (admin,) if admin else ()
    derived = words.demonyms.get(key)
    if derived:
        country = gazetteer.country(derived) if len(derived) == 2 and derived.isupper() else None
        if country:
            return (country,)
        by_name = tuple(
            c for c in gazetteer.lookup_key(normalise(derived)) if c.feature != "locality"
        )
        if by_name:
            return by_name
    found = gazetteer.lookup_key(key)
    if found:
        return found
    for prefix in words.formal_prefixes:
        if key.startswith(prefix):
            # 'Republic of Armenia' is Armenia, never a town called Armenia
            return tuple(
                c
                for c in gazetteer.lookup_key(key[len(prefix) :])
                if c.feature in ("country", "admin")
            )
    parts = key.split()
    while len(parts) > 1 and parts[0] in words.directions:
        parts = parts[1:]
    bare, head = " ".join(parts), ""
    for generic in words.heads:
        if bare.endswith(" " + generic):
            bare, head = bare[: -len(generic) - 1], generic
            break
    if bare == key:
        return ()
    found = gazetteer.lookup_key(bare)
    if head in words.admin_heads:
        return tuple(c for c in found if c.feature in ("admin", "admin2"))
    return found


def is_demonym_of_place(key: str, gazetteer: Gazetteer) -> bool:
    """Whether a one-word name is a people word built on a better-known place.

    'gazan' and 'gazans' are formed on Gaza, which outranks the Saudi hamlet called
    Gazan; 'milan' is not a demonym of Mila, which Milan outranks.
    """
    if " " in key or key in _words().demonyms:
        return key in _words().demonyms
    own = max((prior(c) for c in gazetteer.lookup_key(key)), default=0.0)
    for ending, restores in _words().demonym_endings:
        if not key.endswith(ending) or len(key) - len(ending) < 3:
            continue
        stem = key[: -len(ending)]
        for restore in restores:
            found = gazetteer.lookup_key(stem + restore)
            if found and max(prior(c) for c in found) > own + DEMONYM_MARGIN:
                return True
    return False


def prior(candidate: Candidate) -> float:
    size = math.log10(candidate.population + 10)
    if candidate.feature == "admin":
        score = min(FEATURE_PRIOR["admin"], size + ADMIN_LIFT) if candidate.population else 6.0
    elif candidate.feature == "admin2":
        score = size - ADMIN2_DROP
    else:
        base = FEATURE_PRIOR.get(candidate.feature)
        score = base if base is not None else size
    if candidate.feature == "country" or candidate.feature == "region":
        score = max(score, math.log10(candidate.population + 10))
    if candidate.capital:
        score += CAPITAL_BONUS
    if not candidate.exact:
        score -= ALTERNATE_NAME_PENALTY
    return score


def _softmax(scores: Sequence[float]) -> list[float]:
    top = max(scores)
    weights = [math.exp((s - top) / TEMPERATURE) for s in scores]
    total = sum(weights)
    return [w / total for w in weights]


def _qualifier(text: str, end: int, gazetteer: Gazetteer) -> tuple[Candidate, ...]:
    """Country or admin entries named right after a comma: 'Paris, Texas'."""
    match = _QUALIFIER.match(text, end, min(len(text), end + 60))
    if not match:
        return ()
    abbreviations = _words().abbreviations
    words = match.group(1).split()
    for size in range(len(words), 0, -1):
        phrase = " ".join(words[:size])
        key = normalise(phrase)
        state = abbreviations.get(key.replace(" ", "")) if "." in phrase else None
        if state:
            admin = gazetteer.admin("US", state)
            return (admin,) if admin else ()
        found = tuple(
            c for c in gazetteer.lookup_key(key) if c.feature in ("country", "admin", "admin2")
        )
        if found:
            return found
    return ()


def _qualifies(candidate: Candidate, qualifier: Candidate) -> bool:
    if candidate.key == qualifier.key:
        return False
    if qualifier.feature == "country":
        return candidate.country == qualifier.country
    return candidate.country == qualifier.country and (
        (qualifier.admin1 is not None and candidate.admin1 == qualifier.admin1)
        or _km(candidate, qualifier) < 300
    )


def _km(a: Candidate, b: Candidate) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 12742 * math.asin(math.sqrt(min(1.0, h)))


def _evidence(
    distributions: dict[str, list[tuple[Candidate, float]]],
) -> dict[str, tuple[dict[str, float], dict[tuple[str, str], float]]]:
    """Per name: the country and admin weights the *other* names give."""
    countries: dict[str, dict[str, float]] = {}
    admins: dict[str, dict[tuple[str, str], float]] = {}
    total_c: dict[str, float] = defaultdict(float)
    total_a: dict[tuple[str, str], float] = defaultdict(float)
    for key, dist in distributions.items():
        by_country: dict[str, float] = defaultdict(float)
        by_admin: dict[tuple[str, str], float] = defaultdict(float)
        for candidate, p in dist:
            if candidate.country:
                by_country[candidate.country] += p
                if candidate.admin1 and candidate.feature != "country":
                    by_admin[(candidate.country, candidate.admin1)] += p
        countries[key], admins[key] = by_country, by_admin
        for c, p in by_country.items():
            total_c[c] += p
        for a, p in by_admin.items():
            total_a[a] += p
    others = max(len(distributions) - 1, 1)
    result = {}
    for key in distributions:
        own_c, own_a = countries[key], admins[key]
        result[key] = (
            {c: (p - own_c.get(c, 0.0)) / others for c, p in total_c.items()},
            {a: (p - own_a.get(a, 0.0)) / others for a, p in total_a.items()},
        )
    return result


def resolve(mentions: Sequence[Mention], text: str, gazetteer: Gazetteer) -> list[Resolution]:
    """The best entry for each mention, using the other mentions as context."""
    keys = [normalise(m.text) for m in mentions]
    options: dict[str, tuple[Candidate, ...]] = {}
    qualifiers: dict[str, list[Candidate]] = defaultdict(list)
    for mention, key in zip(mentions, keys, strict=True):
        if key not in options:
            options[key] = candidates_for(mention.text, gazetteer)
        if options[key]:
            qualifiers[key].extend(_qualifier(text, mention.end, gazetteer))

    base: dict[str, list[float]] = {}
    for key, found in options.items():
        if not found:
            continue
        scores = [prior(c) for c in found]
        for q in qualifiers.get(key, ()):
            scores = [
                s + QUALIFIER_BONUS * _qualifies(c, q) for s, c in zip(scores, found, strict=True)
            ]
        base[key] = scores

    distributions = {k: list(zip(options[k], _softmax(s), strict=True)) for k, s in base.items()}
    final: dict[str, list[float]] = dict(base)
    for _ in range(2):
        evidence = _evidence(distributions)
        for key, scores in base.items():
            by_country, by_admin = evidence[key]
            final[key] = [
                s
                + COUNTRY_WEIGHT * by_country.get(c.country or "", 0.0)
                + ADMIN_WEIGHT * by_admin.get((c.country or "", c.admin1 or ""), 0.0)
                for s, c in zip(scores, options[key], strict=True)
            ]
        # second round: the others' first decisions, sharpened
        distributions = {
            k: list(zip(options[k], _softmax([x * 2 for x in s]), strict=True))
            for k, s in final.items()
        }

    decided: dict[str, Resolution] = {}
    for key, scores in final.items():
        probabilities = _softmax(scores)
        best = max(range(len(scores)), key=scores.__getitem__)
        decided[key] = Resolution(options[key][best], round(probabilities[best], 3))
    return [decided.get(key, Resolution(None, 0.0)) for key in keys]
