"""The record: typed models of ``totor/article@1``.

Everything totor extracts ends up in one of these classes. Offsets are Python string
indices into ``Article.text``, end exclusive. Every extracted item carries a ``span``
(or ``mentions``) so that a reader can check it against the text.

``totor schema`` prints the JSON Schema generated from these models.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_ID = "totor/article@1"

Span = tuple[int, int]

EntityKind = Literal[
    "person",
    "military",
    "government",
    "armed_group",
    "organization",
    "igo",
    "ngo",
    "media",
    "country",
    "people",
]
ENTITY_KINDS: tuple[str, ...] = EntityKind.__args__  # type: ignore[attr-defined]
PlaceFeature = Literal["country", "admin", "city", "locality", "landmark", "region"]
TimePrecision = Literal["hour", "day", "week", "month", "year"]
TimeAnchor = Literal["published", "absolute", "unknown"]
Measure = Literal[
    "killed",
    "injured",
    "abducted",
    "hostages",
    "missing",
    "displaced",
    "arrested",
    "evacuated",
    "affected",
    "population",
    "other",
]
ClaimKind = Literal["direct", "indirect", "according_to"]
EventType = Literal[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "INVESTIGATE",
    "DEMAND",
    "DISAPPROVE",
    "REJECT",
    "THREATEN",
    "SANCTION",
    "PROTEST",
    "CRIME",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]
EVENT_TYPES: tuple[str, ...] = EventType.__args__  # type: ignore[attr-defined]
EventStatus = Literal["asserted", "claimed", "denied", "hypothetical", "planned", "negated"]


class _Item(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Entity(_Item):
    """An actor: one canonical name for every way the article refers to it."""

    id: str
    name: str = Field(description="Canonical name, e.g. 'Israel Defense Forces'.")
    kind: EntityKind
    country: str | None = Field(default=None, description="ISO 3166 alpha-2 of the actor.")
    aliases: list[str] = Field(default_factory=list, description="Surface forms seen.")
    mentions: list[Span] = Field(default_factory=list)


class Place(_Item):
    """A toponym resolved against the offline gazetteer."""

    id: str
    name: str
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    feature: PlaceFeature = "locality"
    confidence: float = Field(default=1.0, ge=0, le=1)
    mentions: list[Span] = Field(default_factory=list)


class Time(_Item):
    """A temporal expression normalised against the publication date."""

    id: str
    text: str
    start: str | None = None
    end: str | None = None
    precision: TimePrecision = "day"
    anchor: TimeAnchor = "unknown"
    span: Span


class Figure(_Item):
    """A count: killed, injured, hostages... with its range and who claims it."""

    id: str
    value: float | None = Field(default=None, description="Best estimate.")
    low: float | None = None
    high: float | None = None
    approx: bool = False
    unit: str = "people"
    measure: Measure = "other"
    subject: str = ""
    subject_entity: str | None = None
    place: str | None = None
    time: str | None = None
    claim: str | None = None
    span: Span
    spans: list[Span] = Field(
        default_factory=list, description="Every span reporting this same figure."
    )


class Claim(_Item):
    """Someone saying something: the speaker, the cue and the content."""

    id: str
    speaker: str
    speaker_entity: str | None = None
    cue: str
    kind: ClaimKind
    content: Span
    span: Span
    speaker_span: Span | None = Field(default=None, description="Where the speaker is named.")
    cue_span: Span | None = None


class Event(_Item):
    """A PLOVER event with its arguments and the evidence for it."""

    id: str
    type: EventType
    mode: str | None = None
    actor: list[str] = Field(default_factory=list)
    target: list[str] = Field(default_factory=list)
    target_place: str | None = Field(
        default=None,
        description="Place id of what the act was done to when that is a place, not an actor: "
        "'shelled Juba', 'the blockade of the Gaza Strip'.",
    )
    place: str | None = None
    time: str | None = None
    figures: list[str] = Field(default_factory=list)
    claim: str | None = None
    status: EventStatus = "asserted"
    trigger: Span
    span: Span
    spans: list[Span] = Field(
        default_factory=list, description="Every sentence reporting this same event."
    )
    confidence: float = Field(default=0.5, ge=0, le=1)


class Label(_Item):
    """A word a source uses for an actor: 'terrorists', 'militants', 'Hamas-run'."""

    id: str
    term: str
    refers_to: str | None = None
    claim: str | None = None
    span: Span


class Article(_Item):
    """One article in, one record out."""

    schema_: str = Field(default=SCHEMA_ID, alias="schema")
    id: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None
    language: str = "en"
    text: str
    entities: list[Entity] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    times: list[Time] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    labels: list[Label] = Field(default_factory=list)

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def to_json(self, indent: int | None = None) -> str:
        return self.model_dump_json(by_alias=True, indent=indent)

    def to_dict(self) -> dict[str, object]:
        return self.model_dump(by_alias=True, mode="json")

    def quote(self, span: Span) -> str:
        """The text a span points at."""
        return self.text[span[0] : span[1]]


_WS = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """The form of a text that its id is computed from: NFC, whitespace collapsed."""
    return _WS.sub(" ", unicodedata.normalize("NFC", text)).strip()


def article_id(text: str) -> str:
    """A stable id: the first 16 hex digits of SHA-256 over the normalised text."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()[:16]


def json_schema() -> dict[str, object]:
    schema = Article.model_json_schema(by_alias=True)
    schema["$id"] = SCHEMA_ID
    schema["title"] = "totor article record"
    return schema
