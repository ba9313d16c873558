"""What every reader yields: a ``Document`` (text plus metadata) or a ``ReadError``.

A reader never raises for a bad item: it yields a ``ReadError`` naming the input and the
problem, and goes on with the rest of the batch.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ReadOptions:
    """Settings shared by every reader."""

    #: largest text (in bytes of UTF-8, after extraction) accepted from one input
    max_bytes: int = 5_000_000
    #: seconds to wait for a URL
    timeout: float = 20.0
    user_agent: str = "totor/0.1 (+https://github.com/totor-events/totor)"
    #: publication date to use when the input carries none (ISO date)
    published: str | None = None
    #: URL to record when the input carries none
    url: str | None = None


@dataclass(frozen=True)
class Document:
    """One article as read, before any NLP."""

    text: str
    source: str  # where it came from: a path, "path:line", a URL, "<stdin>"
    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO 8601
    outlet: str | None = None
    id: str | None = None  # an id the input itself gave, if any
    meta: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ReadError:
    """A bad input: which one, and what is wrong with it."""

    source: str
    problem: str

    def __str__(self) -> str:
        return f"{self.source}: {self.problem}"


class ReaderError(Exception):
    """Raised inside a reader; turned into a ``ReadError`` at the reader's boundary."""
