"""The server-rendered pages: search, articles, the article view, events, incidents, figures."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from totor import fuse as fusion
from totor.corpus import Corpus
from totor.model import EVENT_TYPES
from totor.store import queries as store_queries
from totor.store.queries import EventFilters, FigureFilters
from totor.web import charts, highlight
from totor.web import queries as web_queries
from totor.web.app import HERE

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=HERE / "templates")

PAGE = 50
Short = Annotated[str | None, Query(max_length=300)]


def safe_url(url: object) -> str | None:
    """Only http(s) URLs become links: a stored "javascript:" URL must not."""
    if not isinstance(url, str):
        return None
    return url if urlsplit(url).scheme in ("http", "https") else None


def number(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    if isinstance(value, int | float):
        return f"{value:,}"
    return "" if value is None else str(value)


_SNIPPET_MARK = re.compile(r"\[([^\[\]]*)\]")


def snippet(text: object) -> Markup:
    """A search snippet with its [matches] as <mark>, every piece escaped."""
    source = str(text or "")
    out, last = [], 0
    for match in _SNIPPET_MARK.finditer(source):
        out.append(escape(source[last : match.start()]))
        out.append(Markup("<mark>%s</mark>") % match.group(1))
        last = match.end()
    out.append(escape(source[last:]))
    return Markup("").join(out)


def evidence(text: str, span: list[int], trigger: list[int] | None) -> Markup:
    """The evidence sentence with the trigger in bold (each piece escaped)."""
    if trigger is not None:
        start, end = trigger[0] - span[0], trigger[1] - span[0]
        if 0 <= start < end <= len(text):
            return Markup("%s<strong>%s</strong>%s") % (text[:start], text[start:end], text[end:])
    return escape(text)


templates.env.filters["safe_url"] = safe_url
templates.env.filters["number"] = number
templates.env.filters["snippet"] = snippet
templates.env.globals["kind_names"] = highlight.KIND_NAMES


def wants_html(request: Request) -> bool:
    return "text/html" in request.headers.get("accept", "")


def error_page(request: Request, status: int, message: str) -> Response:
    return templates.TemplateResponse(
        request, "error.html", {"status": status, "message": message}, status_code=status
    )


def corpus_of(request: Request) -> Corpus:
    corpus: Corpus = request.app.state.corpus
    return corpus


def page_link(request: Request, cursor: str | None) -> str | None:
    """This page's URL with another cursor (None on the last page)."""
    if cursor is None:
        return None
    params = {k: v for k, v in request.query_params.items() if k != "cursor" and v}
    params["cursor"] = cursor
    return f"{request.url.path}?{urlencode(params)}"


def _blank(value: str | None) -> str | None:
    return value.strip() or None if value is not None else None


# ---------------------------------------------------------------- home, search, articles


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> Response:
    corpus = corpus_of(request)
    counts = corpus.store.counts()
    latest = web_queries.articles(corpus.store, web_queries.ArticleFilters(), limit=10)
    incidents = store_queries.clusters(corpus.store, limit=5)
    return templates.TemplateResponse(
        request,
        "index.html",
        {"counts": counts, "articles": latest.items, "incidents": incidents.items},
    )


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    q: Annotated[str, Query(max_length=500)] = "",
    cursor: Annotated[str | None, Query(max_length=200)] = None,
) -> Response:
    results: list[dict[str, Any]] = []
    following = None
    if q.strip():
        if cursor:
            values = store_queries.decode_cursor(cursor)
            if len(values) != 1 or not isinstance(values[0], int) or values[0] < 0:
                raise ValueError("bad cursor")
        page = store_queries.search(corpus_of(request).store, q, limit=20, cursor=cursor)
        results, following = page.items, page_link(request, page.next)
    return templates.TemplateResponse(
        request, "search.html", {"q": q, "results": results, "next": following}
    )


@router.get("/articles", response_class=HTMLResponse)
def articles_page(
    request: Request,
    outlet: Short = None,
    date_from: Annotated[str | None, Query(alias="from", max_length=32)] = None,
    date_to: Annotated[str | None, Query(alias="to", max_length=32)] = None,
    text: Short = None,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
) -> Response:
    corpus = corpus_of(request)
    filters = web_queries.ArticleFilters(
        _blank(outlet), _blank(date_from), _blank(date_to), _blank(text)
    )
    page = web_queries.articles(corpus.store, filters, limit=PAGE, cursor=cursor)
    with corpus.store.connect() as connection:
        outlets = web_queries.outlets(connection)
    return templates.TemplateResponse(
        request,
        "articles.html",
        {
            "articles": page.items,
            "next": page_link(request, page.next),
            "filters": filters,
            "outlets": outlets,
        },
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: Annotated[str, Path(max_length=64)]) -> Response:
    found = web_queries.article(corpus_of(request).store, article_id)
    if found is None:
        raise HTTPException(404, f"no article {article_id!r}")
    record = found.record
    body = highlight.highlight(record.text, highlight.marks(record))
    cards = highlight.cards(record, found.event_pks)
    cards_by_id = {card.item: card for card in cards}
    return templates.TemplateResponse(
        request,
        "article.html",
        {
            "article": record,
            "stored": found,
            "body": body,
            "cards": cards,
            "cards_by_id": cards_by_id,
            "kinds": highlight.KINDS,
        },
    )


# ---------------------------------------------------------------- events


def _event_filters(params: dict[str, str | None]) -> EventFilters:
    radius = params.get("radius")
    try:
        radius_km = float(radius) if radius else None
    except ValueError as error:
        raise ValueError(f"radius must be a number of kilometres, not {radius!r}") from error
    if radius_km is not None and not 0 <= radius_km <= 20_000:
        raise ValueError("radius must be between 0 and 20000 km")
    place = _blank(params.get("place"))
    return EventFilters(
        type=_blank(params.get("type")),
        actor=_blank(params.get("actor")),
        target=_blank(params.get("target")),
        place=place,
        radius_km=radius_km if place else None,
        date_from=_blank(params.get("from")),
        date_to=_blank(params.get("to")),
        outlet=_blank(params.get("outlet")),
        status=_blank(params.get("status")),
        text=_blank(params.get("text")),
        country=_blank(params.get("country")),
    )


FILTER_NAMES = (
    "type",
    "actor",
    "target",
    "place",
    "radius",
    "from",
    "to",
    "outlet",
    "status",
    "text",
    "country",
)


@router.get("/events", response_class=HTMLResponse)
def events_page(
    request: Request, cursor: Annotated[str | None, Query(max_length=200)] = None
) -> Response:
    params = {name: request.query_params.get(name) for name in FILTER_NAMES}
    if any(len(value or "") > 300 for value in params.values()):
        raise HTTPException(422, "filter values are limited to 300 characters")
    filters = _event_filters(params)
    web_queries.check_cursor(cursor)
    corpus = corpus_of(request)
    store = corpus.store
    page = store_queries.events(store, filters, limit=PAGE, cursor=cursor)
    total = store_queries.count_events(store, filters)
    points = web_queries.map_points(store, filters)
    tiles = request.app.state.settings.tiles
    view = charts.tile_map(points, tiles) if tiles else charts.equirectangular_map(points)
    bars = charts.timeline(web_queries.timeline(store, filters))
    base = {k: v for k, v in params.items() if v}
    return templates.TemplateResponse(
        request,
        "events.html",
        {
            "events": page.items,
            "next": page_link(request, page.next),
            "total": total,
            "params": params,
            "map": view,
            "timeline": bars,
            "types": EVENT_TYPES,
            "outlets": web_queries.facet(store, "outlet"),
            "statuses": web_queries.facet(store, "status"),
            "day_link": lambda day: "/events?" + urlencode({**base, "from": day, "to": day}),
            "csv_link": "/api/events.csv?" + urlencode(_api_params(base)),
            "geojson_link": "/api/events.geojson?" + urlencode(_api_params(base)),
        },
    )


def _api_params(params: Mapping[str, str | None]) -> dict[str, str]:
    return {k: v for k, v in params.items() if v}


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: Annotated[int, Path(ge=1, le=2**62)]) -> Response:
    found = web_queries.event(corpus_of(request).store, event_id)
    if found is None:
        raise HTTPException(404, f"no event {event_id}")
    shown = evidence(found["evidence"], found["span"], found.get("trigger_span"))
    return templates.TemplateResponse(request, "event.html", {"event": found, "evidence": shown})


# ---------------------------------------------------------------- incidents


@router.get("/incidents", response_class=HTMLResponse)
def incidents_page(
    request: Request,
    type: Annotated[str | None, Query(max_length=16)] = None,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
) -> Response:
    web_queries.check_cursor(cursor)
    store = corpus_of(request).store
    page = store_queries.clusters(store, type=_blank(type), limit=PAGE, cursor=cursor)
    return templates.TemplateResponse(
        request,
        "incidents.html",
        {
            "incidents": page.items,
            "next": page_link(request, page.next),
            "type": type or "",
            "types": EVENT_TYPES,
            "stale": fusion.clusters_stale(store),
        },
    )


@router.get("/incidents/{cluster_id}", response_class=HTMLResponse)
def incident_page(request: Request, cluster_id: Annotated[int, Path(ge=1, le=2**62)]) -> Response:
    found = web_queries.cluster(corpus_of(request).store, cluster_id)
    if found is None:
        raise HTTPException(404, f"no incident {cluster_id}")
    place = found.get("place") or {}
    points = (
        [web_queries.MapPoint(place["lat"], place["lon"], place.get("name") or "", 1)]
        if place.get("lat") is not None and place.get("lon") is not None
        else []
    )
    return templates.TemplateResponse(
        request,
        "incident.html",
        {"incident": found, "map": charts.equirectangular_map(points, min_span=40.0)},
    )


# ---------------------------------------------------------------- figures


def series_key(series: fusion.FigureSeries) -> str:
    return f"{series.measure}|{series.place}|{series.population or ''}"


@router.get("/figures", response_class=HTMLResponse)
def figures_page(
    request: Request,
    measure: Short = None,
    series: Annotated[str | None, Query(max_length=600)] = None,
    source: Short = None,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
) -> Response:
    corpus = corpus_of(request)
    measure = _blank(measure)
    all_series = corpus.figure_series(measures=[measure] if measure else None)
    chosen = next((s for s in all_series if series_key(s) == series), None)
    if chosen is None and all_series:
        chosen = all_series[0]
    chart = None
    if chosen is not None:
        chart = charts.line_chart(
            [
                (
                    point.date or point.published,
                    point.value if point.value is not None else point.low,
                    point.source,
                    point.quote,
                    point.article_id,
                )
                for point in chosen.points
            ]
        )
    web_queries.check_cursor(cursor)
    listing = store_queries.figures(
        corpus.store,
        FigureFilters(measure=measure, source=_blank(source)),
        limit=PAGE,
        cursor=cursor,
    )
    return templates.TemplateResponse(
        request,
        "figures.html",
        {
            "series": all_series[:200],
            "chosen": chosen,
            "chosen_key": series_key(chosen) if chosen else None,
            "series_key": series_key,
            "chart": chart,
            "figures": listing.items,
            "next": page_link(request, listing.next),
            "measure": measure or "",
            "source": source or "",
        },
    )


# ---------------------------------------------------------------- API index


@router.get("/api", response_class=HTMLResponse)
def api_page(request: Request) -> Response:
    spec = request.app.openapi()
    operations = [
        {
            "method": method.upper(),
            "path": path,
            "summary": (operation.get("description") or operation.get("summary") or "").strip(),
            "parameters": [p.get("name") for p in operation.get("parameters", [])],
        }
        for path, methods in spec.get("paths", {}).items()
        for method, operation in methods.items()
    ]
    return templates.TemplateResponse(
        request,
        "api.html",
        {"operations": operations, "token_set": bool(request.app.state.settings.token)},
    )
