"""The JSON API: ``/api/...`` lists with the CLI's filters, one item by id, two write endpoints.

Every list answers ``{"ok": true, "rows": [...], "next": cursor-or-null, "next_url": ...}``
(keyset pages: pass ``next`` back as ``cursor``); every error answers
``{"ok": false, "error": "...", "status": N}``. Lists also come as CSV and, where rows have
coordinates, GeoJSON: ``?format=csv`` or the ``.csv`` suffix (``/api/events.geojson``).
"""

from __future__ import annotations

import hmac
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from totor.corpus import Corpus
from totor.readers.base import Document, ReadError, ReadOptions
from totor.store import queries as store_queries
from totor.store.queries import EventFilters, FigureFilters, Page, decode_cursor
from totor.web import formats
from totor.web import queries as web_queries

DESCRIPTION = """
The data of a totor store: articles, events, figures, claims, incident clusters and search.

* Lists answer `{"ok": true, "rows": [...], "next": cursor|null, "next_url": url|null}`;
  pass `next` back as `cursor` for the following page (keyset paging: every page is as
  fast as the first).
* Errors answer `{"ok": false, "error": "...", "status": N}`.
* `?format=csv` (or the `.csv` suffix: `/api/events.csv`) gives CSV; events, figures and
  clusters also come as GeoJSON (`?format=geojson` or `.geojson`).
* `POST /api/extract` and `POST /api/ingest` are off unless the server was started with a
  token (`--token` or `TOTOR_TOKEN`); send it as `Authorization: Bearer <token>`.
"""

Format = Literal["json", "csv", "geojson"]


class ErrorOut(BaseModel):
    ok: Literal[False] = False
    error: str
    status: int


class RowsOut(BaseModel):
    ok: Literal[True] = True
    rows: list[dict[str, Any]]
    next: str | None = Field(description="Cursor of the next page; null on the last page.")
    next_url: str | None = None


class RowOut(BaseModel):
    ok: Literal[True] = True
    row: dict[str, Any]


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "Bad filter value or cursor"},
    404: {"model": ErrorOut, "description": "No such item"},
    422: {"model": ErrorOut, "description": "Invalid parameters"},
}
LIST_RESPONSES: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    200: {
        "description": "One page of rows",
        "content": {"text/csv": {}, "application/geo+json": {}},
    },
}

router = APIRouter(prefix="/api", tags=["api"], responses=ERRORS)

Limit = Annotated[int, Query(ge=1, le=web_queries.MAX_LIMIT, description="Rows per page.")]
Cursor = Annotated[
    str | None, Query(max_length=200, description="The `next` value of the previous page.")
]
DateFrom = Annotated[
    str | None,
    Query(alias="from", max_length=32, description="ISO date, inclusive."),
]
DateTo = Annotated[str | None, Query(alias="to", max_length=32, description="ISO date, inclusive.")]
Text = Annotated[str | None, Query(max_length=500, description="Full-text query over articles.")]
Name = Annotated[str | None, Query(max_length=300)]
FormatParam = Annotated[Format, Query(description="json, csv or geojson.")]


def corpus_of(request: Request) -> Corpus:
    corpus: Corpus = request.app.state.corpus
    return corpus


def _search_cursor(cursor: str | None) -> None:
    if not cursor:
        return
    values = decode_cursor(cursor)
    if len(values) != 1 or not isinstance(values[0], int) or not 0 <= values[0] <= 10_000_000:
        raise ValueError(f"bad cursor: {cursor!r}")


def _answer(
    request: Request, page: Page, fmt: Format, kind: str, geo: bool = False
) -> Response | dict[str, Any]:
    if fmt == "csv":
        return formats.csv_response(page.items, kind)
    if fmt == "geojson":
        if not geo:
            raise HTTPException(400, f"{kind} have no coordinates: use format=json or csv")
        return formats.geojson_response(page.items, page.next)
    next_url = (
        str(request.url.include_query_params(cursor=page.next)) if page.next is not None else None
    )
    return {"ok": True, "rows": page.items, "next": page.next, "next_url": next_url}


@router.get("/articles", response_model=RowsOut, responses=LIST_RESPONSES)
def list_articles(
    request: Request,
    outlet: Name = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    text: Text = None,
    limit: Limit = 50,
    cursor: Cursor = None,
    format: FormatParam = "json",
) -> Any:
    """Articles (without their text), newest publication date first."""
    filters = web_queries.ArticleFilters(outlet, date_from, date_to, text)
    page = web_queries.articles(corpus_of(request).store, filters, limit=limit, cursor=cursor)
    return _answer(request, page, format, "articles")


@router.get("/articles/{article_id}", response_model=RowOut)
def get_article(
    request: Request, article_id: Annotated[str, Path(max_length=64)]
) -> dict[str, Any]:
    """The full record of one article (``totor/article@1``) by id or content hash."""
    found = web_queries.article(corpus_of(request).store, article_id)
    if found is None:
        raise HTTPException(404, f"no article {article_id!r}")
    record = found.record.to_dict()
    record["version"] = found.version
    record["current"] = found.current
    record["event_ids"] = found.event_pks
    return {"ok": True, "row": record}


@router.get("/events", response_model=RowsOut, responses=LIST_RESPONSES)
def list_events(
    request: Request,
    type: Annotated[
        str | None, Query(max_length=200, description="PLOVER type(s), comma-separated.")
    ] = None,
    actor: Name = None,
    target: Name = None,
    place: Annotated[
        str | None,
        Query(max_length=200, description="Place name, ISO country code or 'lat,lon'."),
    ] = None,
    radius: Annotated[
        float | None, Query(ge=0, le=20_000, description="Kilometres around `place`.")
    ] = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    outlet: Name = None,
    status: Annotated[
        str | None, Query(max_length=200, description="Status(es), comma-separated.")
    ] = None,
    text: Text = None,
    country: Annotated[str | None, Query(max_length=2, description="ISO 3166 alpha-2.")] = None,
    article: Annotated[str | None, Query(max_length=64, description="Article id.")] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
    format: FormatParam = "json",
) -> Any:
    """Events matching every filter given, newest date first."""
    if radius is not None and not place:
        raise HTTPException(400, "radius needs a place")
    web_queries.check_cursor(cursor)
    filters = EventFilters(
        type=type,
        actor=actor,
        target=target,
        place=place,
        radius_km=radius,
        date_from=date_from,
        date_to=date_to,
        outlet=outlet,
        status=status,
        text=text,
        country=country,
        article=article,
    )
    page = store_queries.events(corpus_of(request).store, filters, limit=limit, cursor=cursor)
    return _answer(request, page, format, "events", geo=True)


@router.get("/events/{event_id}", response_model=RowOut)
def get_event(request: Request, event_id: Annotated[int, Path(ge=1, le=2**62)]) -> dict[str, Any]:
    """One event with its article and the incident clusters it belongs to."""
    found = web_queries.event(corpus_of(request).store, event_id)
    if found is None:
        raise HTTPException(404, f"no event {event_id}")
    return {"ok": True, "row": found}


@router.get("/figures", response_model=RowsOut, responses=LIST_RESPONSES)
def list_figures(
    request: Request,
    measure: Annotated[
        str | None, Query(max_length=200, description="killed, injured, ... (comma-separated).")
    ] = None,
    place: Name = None,
    source: Annotated[str | None, Query(max_length=300, description="Speaker or outlet.")] = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    article: Annotated[str | None, Query(max_length=64)] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
    format: FormatParam = "json",
) -> Any:
    """Figures (killed, injured, ...) with who claims them, newest first."""
    web_queries.check_cursor(cursor)
    filters = FigureFilters(
        measure=measure,
        place=place,
        source=source,
        date_from=date_from,
        date_to=date_to,
        article=article,
    )
    page = store_queries.figures(corpus_of(request).store, filters, limit=limit, cursor=cursor)
    return _answer(request, page, format, "figures", geo=True)


@router.get("/figures/series", response_model=RowsOut)
def figure_series(
    request: Request,
    measure: Annotated[str | None, Query(max_length=200)] = None,
    min_points: Annotated[int, Query(ge=1, le=1000)] = 2,
) -> dict[str, Any]:
    """The same measure for the same place and population over time, by source."""
    measures = [m.strip() for m in measure.split(",") if m.strip()] if measure else None
    series = corpus_of(request).figure_series(measures=measures, min_points=min_points)
    return {"ok": True, "rows": [s.to_dict() for s in series], "next": None, "next_url": None}


@router.get("/claims", response_model=RowsOut, responses=LIST_RESPONSES)
def list_claims(
    request: Request,
    speaker: Name = None,
    outlet: Name = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    text: Text = None,
    article: Annotated[str | None, Query(max_length=64)] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
    format: FormatParam = "json",
) -> Any:
    """Who said what: speaker, cue and the quoted content."""
    filters = web_queries.ClaimFilters(speaker, outlet, date_from, date_to, text, article)
    page = web_queries.claims(corpus_of(request).store, filters, limit=limit, cursor=cursor)
    return _answer(request, page, format, "claims")


@router.get("/clusters", response_model=RowsOut, responses=LIST_RESPONSES)
def list_clusters(
    request: Request,
    type: Annotated[str | None, Query(max_length=16)] = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    min_articles: Annotated[int, Query(ge=1, le=10_000)] = 2,
    limit: Limit = 50,
    cursor: Cursor = None,
    format: FormatParam = "json",
) -> Any:
    """Incidents: events from several articles fused into one, with every source's account."""
    web_queries.check_cursor(cursor)
    page = store_queries.clusters(
        corpus_of(request).store,
        type=type,
        date_from=date_from,
        date_to=date_to,
        min_articles=min_articles,
        limit=limit,
        cursor=cursor,
    )
    return _answer(request, page, format, "clusters", geo=True)


@router.get("/clusters/{cluster_id}", response_model=RowOut)
def get_cluster(
    request: Request, cluster_id: Annotated[int, Path(ge=1, le=2**62)]
) -> dict[str, Any]:
    found = web_queries.cluster(corpus_of(request).store, cluster_id)
    if found is None:
        raise HTTPException(404, f"no cluster {cluster_id}")
    return {"ok": True, "row": found}


@router.get("/search", response_model=RowsOut, responses=LIST_RESPONSES)
def search(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=500, description="Words to find.")],
    limit: Limit = 20,
    cursor: Cursor = None,
    format: FormatParam = "json",
) -> Any:
    """Articles whose title or text match, best first, with a snippet ([matches] bracketed)."""
    _search_cursor(cursor)
    page = store_queries.search(corpus_of(request).store, q, limit=limit, cursor=cursor)
    return _answer(request, page, format, "search")


# ---------------------------------------------------------------- write endpoints

bearer = HTTPBearer(auto_error=False, description="The token `totor serve` was started with.")


def require_token(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> None:
    token: str | None = request.app.state.settings.token
    if not token:
        raise HTTPException(403, "write endpoints are off: start the server with --token")
    given = credentials.credentials if credentials is not None else ""
    if not hmac.compare_digest(given.encode(), token.encode()):
        raise HTTPException(
            401, "missing or wrong bearer token", headers={"WWW-Authenticate": "Bearer"}
        )


class DocumentIn(BaseModel):
    text: str = Field(min_length=1, description="The article text.")
    title: str | None = Field(default=None, max_length=2000)
    url: str | None = Field(default=None, max_length=2000)
    outlet: str | None = Field(default=None, max_length=200)
    published: str | None = Field(default=None, max_length=40, description="ISO date.")


class ExtractIn(BaseModel):
    text: str | None = Field(default=None, description="The article text; or give `url`.")
    url: str | None = Field(default=None, max_length=2000, description="An http(s) URL to read.")
    title: str | None = Field(default=None, max_length=2000)
    outlet: str | None = Field(default=None, max_length=200)
    published: str | None = Field(default=None, max_length=40)


class IngestIn(BaseModel):
    documents: list[DocumentIn] = Field(min_length=1)


class IngestOut(BaseModel):
    ok: Literal[True] = True
    counts: dict[str, int]
    clusters: int


WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorOut, "description": "Missing or wrong token"},
    403: {"model": ErrorOut, "description": "Write endpoints are off (no token configured)"},
    413: {"model": ErrorOut, "description": "Request body too large"},
}


def _processor(request: Request) -> Any:
    return request.app.state.processor or corpus_of(request).pipeline()


def _read_url(url: str, limit: int) -> Document:
    from totor.readers import read_url
    from totor.readers.url import is_url

    if not is_url(url):  # never let a "URL" name a file on this machine
        raise HTTPException(422, "url must start with http:// or https://")
    for item in read_url(url, ReadOptions(max_bytes=limit)):
        if isinstance(item, ReadError):
            raise HTTPException(422, f"could not read {url}: {item.problem}")
        return item
    raise HTTPException(422, f"nothing to read at {url}")


@router.post(
    "/extract",
    response_model=RowOut,
    responses=WRITE_ERRORS,
    dependencies=[Depends(require_token)],
)
async def extract(request: Request, body: ExtractIn) -> dict[str, Any]:
    """The record of one text (or of the article at a URL); nothing is stored."""
    limit = request.app.state.settings.max_body_bytes
    if body.text:
        document = Document(
            text=body.text,
            source="<api>",
            title=body.title,
            url=body.url,
            published=body.published,
            outlet=body.outlet,
        )
    elif body.url:
        document = await run_in_threadpool(_read_url, body.url, limit)
    else:
        raise HTTPException(422, "give text or url")
    processor = _processor(request)
    record = await run_in_threadpool(lambda: next(iter(processor.process([document]))))
    return {"ok": True, "row": record.to_dict()}


@router.post(
    "/ingest",
    response_model=IngestOut,
    responses=WRITE_ERRORS,
    dependencies=[Depends(require_token)],
)
async def ingest(request: Request, body: IngestIn) -> dict[str, Any]:
    """Process and store documents (new texts only), then refresh the incident clusters."""
    settings = request.app.state.settings
    if len(body.documents) > settings.max_ingest_documents:
        raise HTTPException(413, f"at most {settings.max_ingest_documents} documents per request")
    documents = [
        Document(
            text=item.text,
            source=item.url or f"<api:{index}>",
            title=item.title,
            url=item.url,
            published=item.published,
            outlet=item.outlet,
        )
        for index, item in enumerate(body.documents)
    ]
    corpus = corpus_of(request)
    processor = _processor(request)

    def run() -> tuple[dict[str, int], int]:
        counts = corpus.ingest_documents(documents, processor=processor)
        return counts.to_dict(), corpus.fuse()

    counts, clusters = await run_in_threadpool(run)
    return {"ok": True, "counts": counts, "clusters": clusters}
