"""Highlighting, SVG geometry, the world outline builder and the pages' escaping."""

from __future__ import annotations

import re

from click.testing import CliRunner
from fastapi.testclient import TestClient

from totor.model import Article, Entity, Event, Figure
from totor.web import build_outline, charts, highlight
from totor.web.queries import MapPoint


def _article() -> Article:
    text = 'Troops <shelled> Kharkiv & "killed" 3 people, officials said.'
    return Article(
        id="a1",
        text=text,
        entities=[Entity(id="e1", name="Troops", kind="military", mentions=[(0, 6)])],
        figures=[Figure(id="f1", value=3, measure="killed", span=(36, 44))],
        events=[Event(id="v1", type="ASSAULT", trigger=(7, 16), span=(0, 62))],
    )


def test_highlight_escapes_every_piece_and_keeps_the_text() -> None:
    article = _article()
    html = str(highlight.highlight(article.text, highlight.marks(article)))
    assert "<shelled>" not in html and "&lt;shelled&gt;" in html
    assert "&amp;" in html and "&#34;killed&#34;" in html
    stripped = re.sub(r"<[^>]+>", "", html)
    unescaped = (
        stripped.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#34;", '"')
        .replace("&amp;", "&")
    )
    assert unescaped == article.text


def test_highlight_nests_overlapping_items() -> None:
    article = _article()
    html = str(highlight.highlight(article.text, highlight.marks(article)))
    assert re.search(r'class="hl k-event k-actor" data-items="e1 v1">Troops<', html)
    assert re.search(r'class="hl k-event k-trigger" data-items="v1">&lt;shelled&gt;<', html)
    assert re.search(r'class="hl k-event k-figure" data-items="f1 v1">3 people<', html)
    assert html.count('id="at-v1"') == 1 and 'id="at-e1"' in html


def test_marks_drop_spans_outside_the_text() -> None:
    article = _article().model_copy(
        update={"figures": [Figure(id="f9", value=1, span=(50, 500)), Figure(id="f8", span=(9, 9))]}
    )
    spans = {(m.item, m.start, m.end) for m in highlight.marks(article)}
    assert ("f9", 50, len(article.text)) in spans
    assert not any(item == "f8" for item, _, _ in spans)


def test_cards_carry_fields_and_quotes() -> None:
    cards = {card.item: card for card in highlight.cards(_article(), {"v1": 42})}
    assert cards["v1"].link == "/events/42"
    assert ("actor", "") not in cards["v1"].fields  # empty fields are dropped
    assert cards["f1"].quote == "3 people"
    assert dict(cards["e1"].fields)["kind"] == "military"


def test_equirectangular_markers_sit_at_lon_minus_lat() -> None:
    view = charts.equirectangular_map(
        [MapPoint(31.5, 34.4, "Gaza", 3), MapPoint(50.0, 36.2, "Kharkiv", 1)]
    )
    by_place = {m.place: m for m in view.markers}
    assert (by_place["Gaza"].x, by_place["Gaza"].y) == (34.4, -31.5)
    assert by_place["Gaza"].r > by_place["Kharkiv"].r
    x, y, width, height = (float(v) for v in view.view_box.split())
    assert width == 2 * height
    for marker in view.markers:
        assert x <= marker.x <= x + width and y <= marker.y <= y + height
    assert view.outline and view.outline.startswith("M")


def test_tile_map_places_tiles_and_markers_in_one_frame() -> None:
    view = charts.tile_map([MapPoint(31.5, 34.4, "Gaza", 1)], "https://t.example/{z}/{x}/{y}.png")
    assert view.tiles and all(tile.href.startswith("https://t.example/") for tile in view.tiles)
    zoom = int(view.tiles[0].href.split("/")[3])
    x, y = charts._mercator(31.5, 34.4, zoom)
    tile = next(t for t in view.tiles if t.x <= x < t.x + 256 and t.y <= y < t.y + 256)
    assert tile.href.endswith(f"/{zoom}/{int(x // 256)}/{int(y // 256)}.png")


def test_timeline_has_one_bar_per_day_with_events() -> None:
    bars = charts.timeline([("2024-05-01", 2), ("2024-05-04", 6), ("", 9), ("2024-05-02", 1)])
    assert bars is not None and [b.date for b in bars.bars] == [
        "2024-05-01",
        "2024-05-04",
        "2024-05-02",
    ]
    heights = {b.date: b.height for b in bars.bars}
    assert heights["2024-05-04"] == max(heights.values()) and bars.peak == 6
    xs = {b.date: b.x for b in bars.bars}
    assert xs["2024-05-01"] < xs["2024-05-02"] < xs["2024-05-04"]
    assert charts.timeline([]) is None


def test_line_chart_draws_one_line_per_source() -> None:
    chart = charts.line_chart(
        [
            ("2024-05-01", 10, "Health ministry", "10 killed", "a1"),
            ("2024-05-03", 25, "Health ministry", "25 killed", "a2"),
            ("2024-05-02", 12, "Army", "12 killed", "a3"),
            (None, 99, "Army", "undated", "a4"),
        ]
    )
    assert chart is not None
    lines = {line.source: line for line in chart.lines}
    assert set(lines) == {"Army", "Health ministry"}
    ministry = lines["Health ministry"].points
    assert ministry[0].x < ministry[1].x and ministry[0].y > ministry[1].y  # higher is up
    assert len(lines["Army"].points) == 1


def test_outline_builder_fills_enclosed_land_but_not_the_sea() -> None:
    cell = 10.0
    ring = {(c, r) for c in range(10, 15) for r in (5, 9)} | {
        (c, r) for c in (10, 14) for r in range(5, 10)
    }
    land = build_outline.fill_interiors(ring, cell, seeds=())
    assert (12, 7) in land  # inside the ring
    assert (0, 0) not in land and (20, 7) not in land
    path = build_outline.outline_path({(0, 0), (1, 0), (3, 0)}, cell)
    assert path == "M-180 -90h20v10h-20zM-150 -90h10v10h-10z"


def test_committed_outline_is_a_world_map() -> None:
    path = charts.world_outline()
    runs = [
        tuple(float(v) for v in m) for m in re.findall(r"M(-?[\d.]+) (-?[\d.]+)h([\d.]+)", path)
    ]
    assert len(runs) > 500

    def is_land(lat: float, lon: float) -> bool:
        return any(x <= lon < x + w and y <= -lat < y + 1 for x, y, w in runs)

    assert (
        is_land(48.8, 2.3) and is_land(-25.0, 134.0) and is_land(0.0, 25.0)
    )  # Paris, Australia, Congo
    assert not is_land(30.0, -40.0) and not is_land(-30.0, 80.0)  # Atlantic, Indian Ocean


# ---------------------------------------------------------------- pages


PAGES = ("/", "/articles", "/events", "/incidents", "/figures", "/api", "/search?q=Rafah")


def test_pages_render(client: TestClient) -> None:
    for path in PAGES:
        response = client.get(path, headers={"accept": "text/html"})
        assert response.status_code == 200, (path, response.text[:300])
        assert response.headers["content-type"].startswith("text/html")


def test_page_errors_are_pages(client: TestClient) -> None:
    missing = client.get("/articles/nope", headers={"accept": "text/html"})
    assert missing.status_code == 404 and "<h1>Error 404</h1>" in missing.text
    bad = client.get("/events?radius=wide&place=Gaza", headers={"accept": "text/html"})
    assert bad.status_code == 400


def test_hostile_article_is_escaped_everywhere(client: TestClient, hostile_id: str) -> None:
    pages = [
        f"/articles/{hostile_id}",
        "/articles",
        "/",
        "/search?q=banner",
        f"/events?article={hostile_id}",
    ]
    for path in pages:
        html = client.get(path, headers={"accept": "text/html"}).text
        assert "<script>alert" not in html, path
        assert "<img src=x" not in html and "<b>bold" not in html, path
    article = client.get(f"/articles/{hostile_id}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in article
    assert "&lt;img src=x onerror=alert(2)&gt; Gazette" in article
    assert 'href="javascript:' not in article
    assert len(re.findall(r"<script\b", article)) == 1  # only /static/app.js


def test_event_page_links_article_and_incident(client: TestClient) -> None:
    cluster = client.get("/api/clusters").json()["rows"][0]
    event_id = cluster["events"][0]
    html = client.get(f"/events/{event_id}").text
    event = client.get(f"/api/events/{event_id}").json()["row"]
    assert f'href="/articles/{event["article_id"]}#at-{event["key"]}"' in html
    assert f'href="/incidents/{cluster["id"]}"' in html
    incident = client.get(f"/incidents/{cluster['id']}").text
    for account in cluster["accounts"]:
        assert f'href="/articles/{account["article_id"]}"' in incident


def test_serve_command_binds_localhost_by_default() -> None:
    from totor.cli import main

    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--db", "--host", "--port", "--token", "--tiles"):
        assert option in result.output
    assert "127.0.0.1" in result.output and "8765" in result.output
