"""The pages in a real (headless, offline) chromium against a live uvicorn server."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from totor.readers.base import Document

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
README_SCREENSHOT = ROOT / "docs" / "screenshot-article.png"


class Watched:
    """A page with its console errors, uncaught exceptions and dialogs recorded."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda error: self.errors.append(str(error)))

        def on_dialog(dialog: Any) -> None:
            self.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)


@pytest.fixture
def watched(browser: Any) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1360, "height": 900})
    page = context.new_page()
    yield Watched(page)
    context.close()


def _api(server: str, path: str, **params: Any) -> Any:
    return httpx.get(server + path, params=params, timeout=30).json()


def _richest_article(server: str) -> str:
    articles = _api(server, "/api/articles", limit=100)["rows"]
    return max(articles, key=lambda a: a["n_events"])["id"]


def test_every_page_loads_without_console_errors(
    server: str, watched: Watched, artifacts: Path
) -> None:
    event = _api(server, "/api/events", limit=1)["rows"][0]
    cluster = _api(server, "/api/clusters")["rows"][0]
    pages = {
        "home": "/",
        "articles": "/articles",
        "search": "/search?q=ceasefire",
        "article": f"/articles/{_richest_article(server)}",
        "events": "/events",
        "events-filtered": f"/events?type={event['type']}",
        "event": f"/events/{event['id']}",
        "incidents": "/incidents",
        "incident": f"/incidents/{cluster['id']}",
        "figures": "/figures",
        "api": "/api",
    }
    for name, path in pages.items():
        response = watched.page.goto(server + path)
        assert response is not None and response.status == 200, path
        watched.page.wait_for_load_state("load")
        watched.page.screenshot(path=str(artifacts / f"{name}.png"), full_page=True)
        assert watched.errors == [], (path, watched.errors)
    assert watched.dialogs == []


def test_click_path_article_event_incident(server: str, watched: Watched) -> None:
    cluster = _api(server, "/api/clusters")["rows"][0]
    event = _api(server, f"/api/events/{cluster['events'][0]}")["row"]
    page = watched.page
    page.goto(f"{server}/articles/{event['article_id']}")
    page.click(f"aside a.event-link[href='/events/{event['id']}']")
    page.wait_for_url(f"**/events/{event['id']}")
    assert event["type"] in page.inner_text("h1")
    page.click(f"a.incident-link[href='/incidents/{cluster['id']}']")
    page.wait_for_url(f"**/incidents/{cluster['id']}")
    accounts = page.locator(".account")
    assert accounts.count() == len(cluster["accounts"]) >= 2
    outlets_shown = page.inner_text(".accounts")
    for outlet in cluster["outlets"]:
        assert outlet in outlets_shown
    # and back from the incident to one of its articles, with the event's text in view
    page.click(".account a[href^='/articles/']")
    page.wait_for_selector("#article-text")
    assert watched.errors == []


def test_highlights_and_popover(server: str, watched: Watched, artifacts: Path) -> None:
    article_id = _richest_article(server)
    record = _api(server, f"/api/articles/{article_id}")["row"]
    page = watched.page
    page.goto(f"{server}/articles/{article_id}")
    for kind, items in (
        ("actor", "entities"),
        ("place", "places"),
        ("figure", "figures"),
        ("event", "events"),
        ("claim", "claims"),
    ):
        if record[items]:
            assert page.locator(f"#article-text .hl.k-{kind}").count() > 0, kind
    # the text on the page is the record's text, whatever the markup around it
    assert page.inner_text("#article-text").split() == record["text"].split()
    colours = {
        kind: page.locator(f".legend .k-{kind}").evaluate(
            "e => getComputedStyle(e).backgroundColor"
        )
        for kind in ("actor", "place", "figure", "event")
    }
    assert len(set(colours.values())) == 4, colours

    figure = record["figures"][0]
    piece = page.locator("#article-text .hl.k-figure").first
    piece.hover()
    popover = page.locator("#popover")
    popover.wait_for(state="visible")
    assert record["text"][figure["span"][0] : figure["span"][1]] in popover.inner_text()
    piece.click()  # pinned: stays while the mouse moves away
    page.mouse.move(5, 5)
    assert popover.is_visible()
    page.keyboard.press("Escape")
    assert not popover.is_visible()
    page.screenshot(path=str(artifacts / "article-popover.png"))

    piece.hover()
    popover.wait_for(state="visible")
    screenshot = artifacts / "article.png"
    page.screenshot(path=str(screenshot))
    if not README_SCREENSHOT.exists() or os.environ.get("TOTOR_UPDATE_SCREENSHOT") == "1":
        README_SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(screenshot, README_SCREENSHOT)
    assert watched.errors == []


def test_events_map_and_timeline_render(server: str, watched: Watched) -> None:
    located = [
        e
        for e in _api(server, "/api/events", limit=1000)["rows"]
        if e["place"] and e["place"]["lat"] is not None
    ]
    places = {(round(e["place"]["lat"], 4), round(e["place"]["lon"], 4)) for e in located}
    page = watched.page
    page.goto(f"{server}/events")
    markers = page.locator("svg.map circle.marker")
    assert markers.count() == len(places) > 0
    box = page.locator("svg.map").bounding_box()
    first = markers.first.bounding_box()
    assert box and first and box["width"] > 300
    assert box["x"] <= first["x"] <= box["x"] + box["width"]
    assert page.locator("svg.map path.land").count() == 1
    assert page.locator("svg.timeline rect.bar").count() > 0
    # a marker is a link to the events near it (the last one drawn is on top)
    markers.last.click()
    page.wait_for_url("**/events?place=*")
    assert page.locator("table.events-table tbody tr").count() >= 1
    assert watched.errors == []


def test_hostile_article_runs_nothing_and_shows_text_literally(
    server: str, watched: Watched, hostile_id: str, hostile_document: Document, artifacts: Path
) -> None:
    page = watched.page
    page.goto(f"{server}/articles/{hostile_id}")
    page.wait_for_load_state("load")
    assert page.inner_text("h1") == hostile_document.title
    assert hostile_document.outlet in page.inner_text(".meta")
    text = page.inner_text("#article-text")
    assert "<script>alert(1)</script>" in text and "<img src=x onerror=alert(2)>" in text
    assert '"><b>bold</b>' in text
    assert page.locator("main b").count() == 0 and page.locator("main img").count() == 0
    for piece in page.locator("#article-text .hl").all()[:5]:
        piece.hover()
    page.screenshot(path=str(artifacts / "hostile-article.png"), full_page=True)
    for path in ("/", "/articles", "/search?q=banner", "/events", "/figures"):
        page.goto(server + path)
        page.wait_for_load_state("load")
    assert watched.dialogs == []
    assert watched.errors == []
