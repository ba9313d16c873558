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
from collections import Counter, defaultdict
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
#: the same for the county (GeoNames admin2) a town lies in or a county is
COUNTY_WEIGHT = 10.0
QUALIFIER_BONUS = 6.0
#: bonus for a first-level region when the article's other names are first-level regions
#: too, times their share: 'Washington' among Alaska, Hawaii and Florida is the state
LEVEL_WEIGHT = 1.5
#: a name's weight as context grows with how often the article names it, to this power
FREQUENCY_POWER = 0.5
#: a word shaped like a demonym is one when its stem place outranks it by this much
DEMONYM_MARGIN = 1.0
#: a city named inside an unknown name ('Liverpool FC') must be this big: smaller towns
#: share their names with ordinary words ('Union', 'Summit', 'University')
EMBEDDED_CITY = 100000
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
    feature_words: frozenset[str]
    ordinary: frozenset[str]
    institutions: frozenset[str]
    plural_heads: dict[str, str]


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
        feature_words=frozenset(normalise(w) for w in data["feature_words"]),
        ordinary=frozenset(str(w) for w in data["ordinary_words"]),
        institutions=frozenset(normalise(w) for w in data["institution_words"]),
        plural_heads={normalise(k): str(v) for k, v in data["plural_heads"].items()},
    )


def candidates_for(name: str, gazetteer: Gazetteer) -> tuple[Candidate, ...]:
    """Candidates of a name, with the forms news uses around names.

    Besides the name itself (see ``_named``): a people word formed on a place the
    gazetteer knows ('Ohioans', 'South Ossetian') is that place, and a name the gazetteer
    does not know that holds a place name ('Bank of Japan', 'Dubai World Cup') is located
    at that place.
    """
    return (
        _named(name, gazetteer)
        or _demonym_place(normalise(name), gazetteer)
        or _embedded_place(name, gazetteer)
    )


def _named(name: str, gazetteer: Gazetteer) -> tuple[Candidate, ...]:
    """Candidates of a name as written, with the forms news uses around names.

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
    derived = words.demonyms.get(key) or _plural_demonym(key, gazetteer)
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
    if not head:
        # only a direction word went: 'northern Kharkiv' is Kharkiv, but 'West Wing' is
        # no hamlet called Wing
        return tuple(c for c in found if c.feature != "locality")
    return found


def _demonym_place(key: str, gazetteer: Gazetteer) -> tuple[Candidate, ...]:
    """The place a people word no entry is called is formed on: 'minnesotans' -> Minnesota.

    A plural ('New Londoners') may name any town; a singular word ('Nolan') only a place
    bigger than a village, so that an unknown surname is not made a hamlet's people word.
    """
    for ending, restores in _words().demonym_endings:
        if not key.endswith(ending) or len(key) - len(ending) < 3:
            continue
        stem = key[: -len(ending)]
        for restore in restores:
            found = tuple(
                c
                for c in gazetteer.lookup_key(stem + restore)
                if c.exact and (ending.endswith("s") or c.feature != "locality")
            )
            if found:
                return found
    return ()


#: words of a name, split at spaces and slashes, a possessive dropped
_NAME_WORD = re.compile(r"[^\s/]+")
_POSSESSIVE = re.compile(r"['’]s?$")


def _embedded_place(name: str, gazetteer: Gazetteer) -> tuple[Candidate, ...]:
    """The place named inside an unknown institution's name: 'Bank of Japan' -> Japan.

    Only names with an institution word ('bank', 'university', 'FC', 'cup') qualify, and
    only the longest run of capitalised words that is a country, region, curated place,
    demonym or big city counts (never a hamlet called 'Robinson' or 'Summit'). A place
    the gazetteer lacks ('Tennessee Colony', 'Lake Ontario') is never read as the place
    named inside it.
    """
    words = [_POSSESSIVE.sub("", w) for w in _NAME_WORD.findall(name)]
    if len(words) < 2 or not any(normalise(w) in _words().institutions for w in words):
        return ()
    words = [w for w in words if w and w not in _words().ordinary]
    lowered = [normalise(w) for w in words]
    for size in range(len(words) - 1, 0, -1):
        for start in range(len(words) - size + 1):
            part = words[start : start + size]
            if not (part[0][:1].isupper() and part[-1][:1].isupper()) or all(
                w in _words().directions or w in _words().institutions
                for w in lowered[start : start + size]
            ):
                continue
            key = normalise(" ".join(part))
            found: tuple[Candidate, ...] = ()
            if key in _words().demonyms:
                found = _named(" ".join(part), gazetteer)
            else:
                found = tuple(
                    c
                    for c in gazetteer.lookup_key(key)
                    if c.exact
                    and (
                        c.feature in ("country", "admin", "region", "landmark")
                        or (c.feature == "city" and c.population >= EMBEDDED_CITY)
                    )
                )
            if found:
                return found
    return ()


#: a capitalised name of up to three words, as listed before a plural head
_LIST_NAME = r"[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*){0,2}"
_LIST_JOIN = r"(?:\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or|&)\s+)"
_LIST = re.compile(rf"{_LIST_NAME}(?:{_LIST_JOIN}{_LIST_NAME})+\s+([a-z]+)\b")
_LIST_ITEM = re.compile(_LIST_NAME)


def _listed_kinds(text: str) -> dict[int, str]:
    """Start offset of each name listed before a plural head -> the kind it gives them.

    'in Harvey, Harper and Kingman counties': the three are counties (admin2). A single
    name before the head is no list ('Indiana counties' are counties of Indiana).
    """
    heads = _words().plural_heads
    kinds: dict[int, str] = {}
    for match in _LIST.finditer(text):
        kind = heads.get(match.group(1))
        if kind is None:
            continue
        for item in _LIST_ITEM.finditer(text, match.start(), match.start(1)):
            kinds[item.start()] = kind
    return kinds


def _plural_demonym(key: str, gazetteer: Gazetteer) -> str | None:
    """'texans' -> Texas, when the lexicon holds only the singular 'Texan'; never a place's
    own name ('Philippines' is no plural of 'Philippine')."""
    if not key.endswith("s") or key[:-1] not in _words().demonyms:
        return None
    if any(c.exact for c in gazetteer.lookup_key(key)):
        return None
    return _words().demonyms[key[:-1]]


def is_demonym_of_place(key: str, gazetteer: Gazetteer) -> bool:
    """Whether a one-word name is a people word built on a better-known place.

    'gazan' and 'gazans' are formed on Gaza, which outranks the Saudi hamlet called
    Gazan; 'milan' is not a demonym of Mila, which Milan outranks.
    """
    plural = _plural_demonym(key, gazetteer)
    if " " in key or key in _words().demonyms or plural:
        return key in _words().demonyms or plural is not None
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
    if candidate.country != qualifier.country:
        return False
    if qualifier.admin1 is not None and candidate.admin1 is not None:
        # 'Kansas City, Mo.': the Kansas one lies near Missouri but is not in it
        return candidate.admin1 == qualifier.admin1
    return _km(candidate, qualifier) < 300


def _km(a: Candidate, b: Candidate) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 12742 * math.asin(math.sqrt(min(1.0, h)))


_Place = tuple[str, ...]


def _evidence(
    distributions: dict[str, list[tuple[Candidate, float]]],
    weights: dict[str, float],
) -> dict[str, tuple[dict[_Place, float], dict[_Place, float], dict[_Place, float]]]:
    """Per name: the country, admin and county weights the *other* names give, each name
    counting by its weight (how often the article names it).

    A county ('Henry County') and the towns in it ('Paris', which GeoNames places in
    Henry County, Tennessee) share a county key, so each pulls the other to the same one.
    """
    own: dict[str, list[dict[_Place, float]]] = {}
    totals: list[dict[_Place, float]] = [defaultdict(float) for _ in range(3)]
    for key, dist in distributions.items():
        levels: list[dict[_Place, float]] = [defaultdict(float) for _ in range(3)]
        weight = weights.get(key, 1.0)
        for candidate, p in dist:
            for level, place in enumerate(_places_of(candidate)):
                if place is not None:
                    levels[level][place] += p * weight
        own[key] = levels
        for level in range(3):
            for place, p in levels[level].items():
                totals[level][place] += p
    everyone = sum(weights.get(key, 1.0) for key in distributions)
    result = {}
    for key in distributions:
        others = max(everyone - weights.get(key, 1.0), 1.0)
        country, admin, county = (
            {
                place: (p - own[key][level].get(place, 0.0)) / others
                for place, p in totals[level].items()
            }
            for level in range(3)
        )
        result[key] = (country, admin, county)
    return result


def _places_of(candidate: Candidate) -> tuple[_Place | None, _Place | None, _Place | None]:
    """The country, first-level and second-level region keys an entry lies in (or is)."""
    country, admin1, admin2 = candidate.country, candidate.admin1, candidate.admin2
    if not country:
        return None, None, None
    if not admin1 or candidate.feature == "country":
        return (country,), None, None
    if not admin2 or candidate.feature not in ("admin2", "city", "locality"):
        return (country,), (country, admin1), None
    return (country,), (country, admin1), (country, admin1, admin2)


def _admin_shares(distributions: dict[str, list[tuple[Candidate, float]]]) -> dict[str, float]:
    """Per name: the share of the *other* names that are first-level regions."""
    own = {
        key: sum(p for c, p in dist if c.feature == "admin") for key, dist in distributions.items()
    }
    total = sum(own.values())
    others = max(len(distributions) - 1, 1)
    return {key: (total - share) / others for key, share in own.items()}


#: words left out of a name's initials ('Democratic Republic of the Congo' = DRC)
_UNINITIALLED = frozenset({"of", "the", "and", "de"})


def _expand_initialisms(
    mentions: Sequence[Mention],
    keys: list[str],
    options: dict[str, tuple[Candidate, ...]],
    text: str,
    gazetteer: Gazetteer,
) -> None:
    """'SA' in an article that speaks of South Africa (or South Africans) is South Africa.

    An all-capital initialism that is no curated name of its own takes the entries of a
    country, region or curated place whose name's words, written out in the article, it
    abbreviates.
    """
    for mention, key in zip(mentions, keys, strict=True):
        letters = mention.text.replace(".", "")
        if not (2 <= len(letters) <= 4 and letters.isalpha() and letters.isupper()):
            continue
        if any(
            c.exact and c.feature in ("country", "admin", "region", "landmark")
            for c in options.get(key, ())
        ):
            continue
        small = "|".join(sorted(_UNINITIALLED))
        written = re.compile(
            r"\b" + rf"\s+(?:(?:{small})\s+)*".join(f"{ch}[a-z'’\\-]+" for ch in letters) + r"\b"
        )
        for match in written.finditer(text):
            found = tuple(
                c
                for c in candidates_for(match.group(0), gazetteer)
                if c.exact and c.feature in ("country", "admin", "region", "landmark")
            )
            if found:
                options[key] = found
                break


def resolve(mentions: Sequence[Mention], text: str, gazetteer: Gazetteer) -> list[Resolution]:
    """The best entry for each mention, using the other mentions as context."""
    keys = [normalise(m.text) for m in mentions]
    options: dict[str, tuple[Candidate, ...]] = {}
    qualifiers: dict[str, list[Candidate]] = defaultdict(list)
    listed = _listed_kinds(text)
    for mention, key in zip(mentions, keys, strict=True):
        if key not in options:
            options[key] = candidates_for(mention.text, gazetteer)
        if options[key]:
            qualifiers[key].extend(_qualifier(text, mention.end, gazetteer))
            kind = listed.get(mention.start)
            kept = tuple(c for c in options[key] if c.feature == kind)
            if kept:
                options[key] = kept

    _expand_initialisms(mentions, keys, options, text, gazetteer)

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

    counts = Counter(keys)
    weights = {key: counts[key] ** FREQUENCY_POWER for key in base}
    distributions = {k: list(zip(options[k], _softmax(s), strict=True)) for k, s in base.items()}
    final: dict[str, list[float]] = dict(base)
    for _ in range(2):
        evidence = _evidence(distributions, weights)
        levels = _admin_shares(distributions)
        for key, scores in base.items():
            by_country, by_admin, by_county = evidence[key]
            final[key] = []
            for s, c in zip(scores, options[key], strict=True):
                country, admin, county = _places_of(c)
                final[key].append(
                    s
                    + (COUNTRY_WEIGHT * by_country.get(country, 0.0) if country else 0.0)
                    + (ADMIN_WEIGHT * by_admin.get(admin, 0.0) if admin else 0.0)
                    # only for the name's own entries: 'Maryland' is never Maryland City
                    + (COUNTY_WEIGHT * by_county.get(county, 0.0) if county and c.exact else 0.0)
                    + LEVEL_WEIGHT * levels[key] * (c.feature == "admin")
                )
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
