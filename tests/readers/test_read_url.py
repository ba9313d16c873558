"""The URL reader against a tiny local web server (no outside network)."""

from __future__ import annotations

import json
import socket
from collections.abc import Callable

from totor.readers import Document, ReadError, ReadOptions, read_sources

PAGE = b"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Port shelled | Odesa Evening</title>
<meta property="og:site_name" content="Odesa Evening"></head><body><nav>Home | News</nav>
<article><h1>Port shelled</h1><p>Russian missiles struck port facilities in Odesa overnight,
injuring four dock workers, the regional administration said on Thursday.</p>
<p>A grain warehouse was set on fire and put out by morning, officials added.</p></article>
<footer>Contacts</footer></body></html>"""
TEXT = "Fighting near Vovchansk\n\nUkrainian troops held their positions on Friday, the army said."


def _read(url: str, **options: float | int) -> list[Document | ReadError]:
    return list(read_sources([url], ReadOptions(**options)))  # type: ignore[arg-type]


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_html_url_is_fetched_and_extracted(serve: Callable[..., str]) -> None:
    base = serve({"/story": (200, "text/html; charset=utf-8", PAGE, 0.0)})
    (doc,) = _read(f"{base}/story")
    assert isinstance(doc, Document)
    assert doc.source == f"{base}/story"
    assert doc.url == f"{base}/story"
    assert doc.outlet == "Odesa Evening"
    assert doc.text.startswith("Russian missiles struck")


def test_url_body_is_sniffed_not_trusted(serve: Callable[..., str]) -> None:
    records = b"\n".join(
        json.dumps({"id": n, "text": f"Report number {n} from the Kharkiv front line."}).encode()
        for n in (1, 2)
    )
    base = serve(
        {
            "/plain": (200, "text/html", TEXT.encode(), 0.0),  # says HTML, is plain text
            "/api": (200, "application/octet-stream", records, 0.0),
        }
    )
    (doc,) = _read(f"{base}/plain")
    assert isinstance(doc, Document) and doc.title == "Fighting near Vovchansk"
    api = _read(f"{base}/api")
    assert [item.id for item in api if isinstance(item, Document)] == ["1", "2"]
    assert api[1].source == f"{base}/api:2"


def test_http_error_statuses(serve: Callable[..., str]) -> None:
    base = serve({"/broken": (500, "text/plain", b"oops", 0.0)})
    (missing,) = _read(f"{base}/gone")
    (failed,) = _read(f"{base}/broken")
    assert isinstance(missing, ReadError) and missing.problem == "HTTP 404 Not Found"
    assert isinstance(failed, ReadError) and failed.problem == "HTTP 500 Internal Server Error"
    assert failed.source == f"{base}/broken"


def test_unreachable_url() -> None:
    url = f"http://127.0.0.1:{_closed_port()}/story"
    (error,) = _read(url, timeout=2.0)
    assert isinstance(error, ReadError)
    assert error.source == url
    assert error.problem.startswith("cannot connect")


def test_timeout(serve: Callable[..., str]) -> None:
    base = serve({"/slow": (200, "text/plain", TEXT.encode(), 1.0)})
    (error,) = _read(f"{base}/slow", timeout=0.3)
    assert isinstance(error, ReadError) and error.problem == "timed out after 0.3 s"


def test_oversize_response_stops(serve: Callable[..., str]) -> None:
    body = (TEXT + "\n\n" + "More words about the front. " * 400).encode()
    base = serve(
        {
            "/big": (200, "text/plain", body, 0.0),
            "/unsized-big": (200, "text/plain", body, 0.0),
        }
    )
    (declared,) = _read(f"{base}/big", max_bytes=2000)
    (streamed,) = _read(f"{base}/unsized-big", max_bytes=2000)
    assert isinstance(declared, ReadError) and "larger than max_bytes" in declared.problem
    assert isinstance(streamed, ReadError) and "larger than max_bytes" in streamed.problem


def test_user_agent_is_sent(serve: Callable[..., str], http_log: list[tuple[str, str]]) -> None:
    base = serve({"/a?x=1": (200, "text/plain", TEXT.encode(), 0.0)})
    options = ReadOptions(user_agent="totor-test/9.9")
    items = list(read_sources([f"{base}/a?x=1"], options))
    assert isinstance(items[0], Document)
    assert http_log == [("/a?x=1", "totor-test/9.9")]


def test_bad_url_between_good_sources(serve: Callable[..., str]) -> None:
    base = serve({"/a": (200, "text/plain", TEXT.encode(), 0.0)})
    items = list(read_sources([f"{base}/a", f"{base}/missing", f"{base}/a"], ReadOptions()))
    assert [type(item) for item in items] == [Document, ReadError, Document]
