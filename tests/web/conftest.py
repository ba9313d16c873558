"""Fixtures of the web tests: one store per session (the bundled samples plus one hostile
article), the app over it, a live uvicorn server and a headless chromium."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from totor.corpus import Corpus
from totor.readers.base import Document
from totor.web import create_app

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
TOKEN = "test-token-6f1c"

#: strings that would run script or break markup if any page pasted them unescaped
HOSTILE_TITLE = '<script>alert(1)</script> Mayor says "><b>bold</b> plan is off'
HOSTILE_OUTLET = "<img src=x onerror=alert(2)> Gazette"
HOSTILE_TEXT = (
    "Police fired tear gas at protesters in Nairobi on Tuesday, the city's police "
    "commander said, after a crowd of about 300 people gathered outside parliament.\n\n"
    'A banner carried by the crowd read "<script>alert(1)</script>" and another '
    'read <img src=x onerror=alert(2)>, while a leaflet ended with "><b>bold</b>.\n\n'
    "At least 12 people were injured, according to the Kenya Red Cross, and police said "
    "they arrested 40 demonstrators."
)
HOSTILE_URL = "javascript:alert(3)"


@pytest.fixture(scope="session")
def token() -> str:
    return TOKEN


@pytest.fixture(scope="session")
def pipeline() -> Any:
    from totor.api import Pipeline

    return Pipeline()  # the spaCy model loads once for the whole session


@pytest.fixture(scope="session")
def hostile_document() -> Document:
    return Document(
        text=HOSTILE_TEXT,
        source="hostile.txt",
        title=HOSTILE_TITLE,
        url=HOSTILE_URL,
        published="2024-08-06",
        outlet=HOSTILE_OUTLET,
    )


@pytest.fixture(scope="session")
def store_path(
    tmp_path_factory: pytest.TempPathFactory, pipeline: Any, hostile_document: Document
) -> Path:
    path = tmp_path_factory.mktemp("web-store") / "web.db"
    with Corpus(path) as corpus:
        counts = corpus.ingest([str(SAMPLES)], processor=pipeline)
        assert counts.new > 5, counts
        assert corpus.ingest_documents([hostile_document], processor=pipeline).new == 1
        corpus.fuse()
    return path


@pytest.fixture(scope="session")
def hostile_id(hostile_document: Document) -> str:
    from totor.model import article_id

    return article_id(hostile_document.text)


@pytest.fixture(scope="session")
def app(store_path: Path, pipeline: Any) -> FastAPI:
    return create_app(corpus=Corpus(store_path), token=TOKEN, processor=pipeline)


@pytest.fixture(scope="session")
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    configured = os.environ.get("TOTOR_ARTIFACTS")
    path = Path(configured) if configured else tmp_path_factory.mktemp("artifacts")
    path.mkdir(parents=True, exist_ok=True)
    return path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def server(app: FastAPI) -> Iterator[str]:
    """The app served by uvicorn on 127.0.0.1 in a thread; yields its base URL."""
    import uvicorn

    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=10)


CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        yield instance
        instance.close()
