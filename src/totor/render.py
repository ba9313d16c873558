"""A readable terminal view of a record (Rich): events, figures, claims, places."""

from __future__ import annotations

import os
import sys

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from totor.model import Article

#: width of tables written to a pipe or file, where no terminal says how wide to be
PIPE_WIDTH = 160


def console() -> Console:
    """A console for tables on stdout: $COLUMNS, else the terminal's width, else PIPE_WIDTH
    when piped."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit():
        return Console(width=int(columns))
    return Console(width=None if sys.stdout.isatty() else PIPE_WIDTH)


def _names(article: Article, ids: list[str]) -> str:
    by_id = {e.id: e.name for e in article.entities}
    return ", ".join(by_id.get(i, i) for i in ids) or "—"


def _source(article: Article, claim_id: str | None) -> str:
    if claim_id is None:
        return "(outlet)"
    claim = next((c for c in article.claims if c.id == claim_id), None)
    return claim.speaker if claim else claim_id


def _place(article: Article, place_id: str | None) -> str:
    place = next((p for p in article.places if p.id == place_id), None)
    if place is None:
        return "—"
    return f"{place.name} ({place.country or '?'})"


def _time(article: Article, time_id: str | None) -> str:
    time = next((t for t in article.times if t.id == time_id), None)
    if time is None:
        return "—"
    return time.start or time.text


def _quote(article: Article, span: tuple[int, int], width: int = 60) -> str:
    text = " ".join(article.quote(span).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _around(
    article: Article, trigger: tuple[int, int], span: tuple[int, int], width: int = 56
) -> str:
    """The trigger in its sentence, trimmed to ``width`` characters around it."""
    start, end = trigger
    room = max(0, width - (end - start)) // 2
    lo, hi = max(span[0], start - room), min(span[1], end + room)
    text = " ".join(article.text[lo:hi].split())
    return ("…" if lo > span[0] else "") + text + ("…" if hi < span[1] else "")


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,g}"


def article_table(article: Article) -> RenderableType:
    """Everything a reader checks first, one table per kind."""
    title = Text(article.title or "(untitled)", style="bold")
    meta = Text(
        f"{article.outlet or ''}  {article.published or 'no date'}  {article.url or ''}  id {article.id}",
        style="dim",
    )

    events = Table(title="Events", title_justify="left", expand=False)
    for column in ("id", "type", "date", "status"):
        events.add_column(column, no_wrap=True)
    for column in ("actor → target", "place", "source"):
        events.add_column(column, overflow="fold", ratio=1)
    events.add_column("evidence", overflow="fold", ratio=2)
    for e in article.events:
        events.add_row(
            e.id,
            e.type + (f"/{e.mode}" if e.mode else ""),
            _time(article, e.time),
            f"{e.status} {e.confidence:.2f}",
            f"{_names(article, e.actor)} → "
            + (_names(article, e.target) if e.target else _place(article, e.target_place)),
            _place(article, e.place),
            _source(article, e.claim),
            _around(article, e.trigger, e.span),
        )

    figures = Table(title="Figures", title_justify="left")
    for column in ("id", "measure", "value", "range", "subject", "source", "evidence"):
        figures.add_column(column, overflow="fold")
    for f in article.figures:
        low, high = _number(f.low), _number(f.high)
        figures.add_row(
            f.id,
            f.measure,
            ("~" if f.approx else "") + _number(f.value),
            f"{low}–{high}" if (low or high) else "",
            f.subject,
            _source(article, f.claim),
            _quote(article, f.span),
        )

    claims = Table(title="Claims", title_justify="left")
    for column in ("id", "speaker", "cue", "kind", "content"):
        claims.add_column(column, overflow="fold")
    for c in article.claims:
        claims.add_row(c.id, c.speaker, c.cue, c.kind, _quote(article, c.content, 80))

    places = Table(title="Places", title_justify="left")
    for column in ("id", "name", "country", "feature", "lat, lon", "geonameid"):
        places.add_column(column)
    for p in article.places:
        coords = "" if p.lat is None or p.lon is None else f"{p.lat:.3f}, {p.lon:.3f}"
        places.add_row(p.id, p.name, p.country or "", p.feature, coords, str(p.geonameid or ""))

    labels = Table(title="Labels", title_justify="left")
    for column in ("term", "refers to", "used by"):
        labels.add_column(column)
    for label in article.labels:
        labels.add_row(
            label.term,
            _names(article, [label.refers_to]) if label.refers_to else "—",
            _source(article, label.claim),
        )

    parts: list[RenderableType] = [title, meta, events, figures, claims, places]
    if article.labels:
        parts.append(labels)
    return Group(*parts)
