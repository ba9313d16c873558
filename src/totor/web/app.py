"""The FastAPI application behind ``totor serve``: JSON API, pages, security headers.

>>> from totor.web import create_app
>>> app = create_app("totor.db", token="s3cret")        # then: uvicorn.run(app)
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from totor import fuse as fusion
from totor.corpus import Corpus
from totor.ingest import Processor

HERE = Path(__file__).parent

#: largest request body accepted by the write endpoints, in bytes
MAX_BODY_BYTES = 2_000_000


@dataclass
class WebSettings:
    """What ``totor serve`` was started with."""

    token: str | None = None
    #: a tile URL template ("https://tiles.example/{z}/{x}/{y}.png"); None: offline outline
    tiles: str | None = None
    max_body_bytes: int = MAX_BODY_BYTES
    #: most documents one POST /api/ingest may carry
    max_ingest_documents: int = 100


def error_body(status: int, message: str) -> dict[str, Any]:
    return {"ok": False, "error": message, "status": status}


def _validation_message(error: RequestValidationError) -> str:
    parts = []
    for item in error.errors():
        where = ".".join(str(part) for part in item.get("loc", ()) if part != "body")
        parts.append(f"{where}: {item.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def content_security_policy(tiles: str | None) -> str:
    """Self only; images may also come from the tile server the user configured."""
    images = "'self' data:"
    if tiles:
        parts = urlsplit(tiles)
        if parts.scheme in ("http", "https") and parts.netloc:
            images += f" {parts.scheme}://{parts.netloc}"
    return (
        "default-src 'self'; script-src 'self'; style-src 'self'; "
        f"img-src {images}; connect-src 'self'; font-src 'self'; object-src 'none'; "
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )


class SecurityHeaders:
    """Adds the CSP and friends to every response."""

    def __init__(self, app: ASGIApp, policy: str) -> None:
        self.app = app
        self.headers = [
            (b"content-security-policy", policy.encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"no-referrer"),
            (b"x-frame-options", b"DENY"),
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], *self.headers]
            await send(message)

        await self.app(scope, receive, with_headers)


class BodyLimit:
    """413 for a request body over the limit on the write endpoints.

    The body is read here first (never more than limit + 1 bytes), so a client cannot make
    the server buffer an unbounded upload whatever it claims in Content-Length.
    """

    def __init__(self, app: ASGIApp, limit: int, paths: tuple[str, ...]) -> None:
        self.app = app
        self.limit = limit
        self.paths = paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] not in self.paths:
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length" and value.isdigit() and int(value) > self.limit:
                await self._reject(scope, receive, send)
                return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                await self._reject(scope, receive, send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _reject(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = JSONResponse(
            error_body(413, f"request body larger than {self.limit:,} bytes"), status_code=413
        )
        await response(scope, receive, send)


class FormatSuffix:
    """``/api/events.csv`` is ``/api/events?format=csv`` (likewise .geojson and .json)."""

    SUFFIXES = (".csv", ".geojson", ".json")

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope.get("path", "")
        if (
            scope["type"] == "http"
            and path.startswith("/api/")
            and path != "/api/openapi.json"
            and path.endswith(self.SUFFIXES)
        ):
            stem, _, suffix = path.rpartition(".")
            query = scope.get("query_string", b"")
            extra = f"format={suffix}".encode()
            scope = {
                **scope,
                "path": stem,
                "raw_path": stem.encode(),
                "query_string": query + b"&" + extra if query else extra,
            }
        await self.app(scope, receive, send)


def create_app(
    db: str | os.PathLike[str] | None = None,
    *,
    corpus: Corpus | None = None,
    token: str | None = None,
    tiles: str | None = None,
    processor: Processor | None = None,
    max_body_bytes: int = MAX_BODY_BYTES,
    refresh_clusters: bool = True,
) -> FastAPI:
    """The app over a store (a path/URL, or an open ``Corpus``).

    ``token`` (else env ``TOTOR_TOKEN``) switches on the write endpoints; ``processor``
    replaces the NLP pipeline the write endpoints load on first use.
    """
    from totor.web import api, pages

    corpus = corpus or Corpus(db)
    settings = WebSettings(
        token=token or os.environ.get("TOTOR_TOKEN") or None,
        tiles=tiles,
        max_body_bytes=max_body_bytes,
    )
    if refresh_clusters and fusion.clusters_stale(corpus.store):
        corpus.fuse()
    app = FastAPI(
        title="totor",
        summary="Sourced event data from news reports: articles, events, figures, claims.",
        description=api.DESCRIPTION,
        version="1",
        docs_url=None,  # the stock docs pages load scripts from a CDN; /api lists the API
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.corpus = corpus
    app.state.settings = settings
    app.state.processor = processor
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        message = str(error.detail)
        if request.url.path.startswith("/api") or not pages.wants_html(request):
            return JSONResponse(
                error_body(error.status_code, message),
                status_code=error.status_code,
                headers=getattr(error, "headers", None),
            )
        return pages.error_page(request, error.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> Response:
        message = _validation_message(error)
        if request.url.path.startswith("/api") or not pages.wants_html(request):
            return JSONResponse(error_body(422, message), status_code=422)
        return pages.error_page(request, 422, message)

    @app.exception_handler(ValueError)
    async def bad_value(request: Request, error: ValueError) -> Response:
        # the store raises ValueError for bad cursors and unknown places: the client's fault
        if request.url.path.startswith("/api") or not pages.wants_html(request):
            return JSONResponse(error_body(400, str(error)), status_code=400)
        return pages.error_page(request, 400, str(error))

    app.add_middleware(BodyLimit, limit=max_body_bytes, paths=("/api/extract", "/api/ingest"))
    app.add_middleware(FormatSuffix)
    app.add_middleware(SecurityHeaders, policy=content_security_policy(tiles))
    return app
