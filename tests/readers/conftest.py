"""Fixtures for the reader tests: the sample folder and a throw-away local web server."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

#: path -> (status, content type, body, seconds to wait before answering). Paths that start
#: with "/unsized" are sent without a Content-Length header, as a streamed response would be.
Routes = dict[str, tuple[int, str, bytes, float]]


@pytest.fixture(scope="session")
def samples() -> Path:
    return SAMPLES


@pytest.fixture
def http_log() -> list[tuple[str, str]]:
    """(path, User-Agent) of every request the ``serve`` servers received."""
    return []


@pytest.fixture
def serve(http_log: list[tuple[str, str]]) -> Iterator[Callable[[Routes], str]]:
    """Start a local HTTP server on 127.0.0.1 for given routes; gives its base URL."""
    servers: list[ThreadingHTTPServer] = []

    def start(routes: Routes) -> str:
        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                http_log.append((self.path, self.headers.get("User-Agent", "")))
                status, content_type, body, delay = routes.get(
                    self.path, (404, "text/plain", b"not here", 0.0)
                )
                if delay:
                    time.sleep(delay)
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", content_type)
                    if not self.path.startswith("/unsized"):
                        self.send_header("Content-Length", str(len(body)))
                    else:
                        self.close_connection = True
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout tests)

            def log_message(self, format: str, *args: object) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()
