"""The JSON API over a store built from the bundled samples."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from totor.corpus import Corpus
from totor.web import create_app

LISTS = ("/api/articles", "/api/events", "/api/figures", "/api/claims", "/api/clusters")


def rows(client: TestClient, path: str, **params: Any) -> dict[str, Any]:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["ok"] is True
    return body


def all_rows(client: TestClient, path: str, **params: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    cursor = None
    for _ in range(200):
        body = rows(client, path, **params, **({"cursor": cursor} if cursor else {}))
        found.extend(body["rows"])
        cursor = body["next"]
        if cursor is None:
            return found
    raise AssertionError("pagination never ended")


def assert_error(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["ok"] is False and body["status"] == status and body["error"]
    return body


@pytest.mark.parametrize("path", LISTS)
def test_lists_share_one_shape(client: TestClient, path: str) -> None:
    body = rows(client, path)
    assert set(body) >= {"ok", "rows", "next"}
    assert body["rows"], f"{path} is empty on the sample store"


def test_keyset_pages_cover_the_list_once(client: TestClient) -> None:
    whole = rows(client, "/api/events", limit=1000)["rows"]
    assert len(whole) > 6
    paged = all_rows(client, "/api/events", limit=4)
    assert [e["id"] for e in paged] == [e["id"] for e in whole]
    first = rows(client, "/api/events", limit=4)
    assert first["next"] and "cursor=" in first["next_url"]
    dates = [e["date"] or "" for e in whole]
    assert dates == sorted(dates, reverse=True)


def test_claims_and_articles_paginate(client: TestClient) -> None:
    for path in ("/api/claims", "/api/articles"):
        whole = rows(client, path, limit=1000)["rows"]
        paged = all_rows(client, path, limit=3)
        assert [r["id"] for r in paged] == [r["id"] for r in whole]


def test_event_filters(client: TestClient) -> None:
    events = rows(client, "/api/events", limit=1000)["rows"]
    kinds = {e["type"] for e in events}
    kind = sorted(kinds)[0]
    typed = all_rows(client, "/api/events", type=kind)
    assert typed and all(e["type"] == kind for e in typed)
    assert len(typed) == sum(e["type"] == kind for e in events)

    outlet = next(e["outlet"] for e in events if e["outlet"])
    by_outlet = all_rows(client, "/api/events", outlet=outlet)
    assert by_outlet and all(e["outlet"] == outlet for e in by_outlet)

    actor = next(a for e in events for a in e["actors"])
    by_actor = all_rows(client, "/api/events", actor=actor.upper())
    assert by_actor and all(actor in e["actors"] for e in by_actor)

    dated = sorted(e["date"] for e in events if e["date"])
    low, high = dated[len(dated) // 3], dated[2 * len(dated) // 3]
    ranged = all_rows(client, "/api/events", **{"from": low, "to": high})
    assert ranged and all(low <= e["date"] <= high for e in ranged)


def _km(a: dict[str, Any], lat: float, lon: float) -> float:
    dlat = math.radians(a["lat"] - lat)
    dlon = math.radians(a["lon"] - lon) * math.cos(math.radians(lat))
    return 6371 * math.hypot(dlat, dlon)


def test_place_radius_filter(client: TestClient) -> None:
    events = rows(client, "/api/events", limit=1000)["rows"]
    located = [e for e in events if e["place"] and e["place"]["lat"] is not None]
    centre = located[0]["place"]
    near = all_rows(client, "/api/events", place=f"{centre['lat']},{centre['lon']}", radius=50)
    assert located[0]["id"] in {e["id"] for e in near}
    assert all(_km(e["place"], centre["lat"], centre["lon"]) <= 51 for e in near)
    expected = {e["id"] for e in located if _km(e["place"], centre["lat"], centre["lon"]) <= 49}
    assert expected <= {e["id"] for e in near}


def test_text_search_and_search_endpoint(client: TestClient) -> None:
    found = rows(client, "/api/search", q="Rafah")["rows"]
    assert found and all("rafah" in (r["snippet"] or "").lower() for r in found)
    events = all_rows(client, "/api/events", text="Rafah")
    article_ids = {r["article_id"] for r in found}
    assert events and all(e["article_id"] in article_ids for e in events)
    assert rows(client, "/api/search", q="zzqxv nonexistentword")["rows"] == []


def test_csv_and_geojson_variants(client: TestClient) -> None:
    json_rows = rows(client, "/api/events", limit=20)["rows"]
    by_param = client.get("/api/events", params={"limit": 20, "format": "csv"})
    by_suffix = client.get("/api/events.csv", params={"limit": 20})
    assert by_param.status_code == by_suffix.status_code == 200
    assert by_param.headers["content-type"].startswith("text/csv")
    assert by_param.text == by_suffix.text
    table = list(csv.DictReader(io.StringIO(by_suffix.text)))
    assert [int(r["id"]) for r in table] == [e["id"] for e in json_rows]

    geo = client.get("/api/events.geojson", params={"limit": 20})
    assert geo.headers["content-type"].startswith("application/geo+json")
    collection = geo.json()
    located = [e for e in json_rows if e["place"] and e["place"]["lat"] is not None]
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == len(located)
    feature = collection["features"][0]
    source = next(e for e in located if e["id"] == feature["id"])
    assert feature["geometry"]["coordinates"] == [source["place"]["lon"], source["place"]["lat"]]

    assert_error(client.get("/api/articles.geojson"), 400)
    assert_error(client.get("/api/events", params={"format": "xml"}), 422)


def test_csv_defuses_formulas() -> None:
    from totor.web.formats import csv_text

    text = csv_text([{"a": "=HYPERLINK(1)", "b": [1.0, 2.5], "c": None}])
    assert "'=HYPERLINK(1)" in text and "1; 2.5" in text


def test_single_items_and_404(client: TestClient) -> None:
    event = rows(client, "/api/events", limit=1)["rows"][0]
    one = client.get(f"/api/events/{event['id']}").json()
    assert one["ok"] and one["row"]["id"] == event["id"] and "clusters" in one["row"]
    record = client.get(f"/api/articles/{event['article_id']}").json()["row"]
    assert record["schema"] == "totor/article@1" and record["text"]
    key = event["key"]
    assert record["event_ids"][key] == event["id"]
    cluster = rows(client, "/api/clusters")["rows"][0]
    assert client.get(f"/api/clusters/{cluster['id']}").json()["row"]["accounts"]
    assert_error(client.get("/api/events/987654321"), 404)
    assert_error(client.get("/api/articles/doesnotexist"), 404)
    assert_error(client.get("/api/clusters/987654"), 404)
    assert_error(client.get("/api/no/such/thing"), 404)


def test_validation_and_bad_input_errors(client: TestClient) -> None:
    assert_error(client.get("/api/events", params={"limit": "many"}), 422)
    assert_error(client.get("/api/events", params={"limit": 0}), 422)
    assert_error(client.get("/api/events", params={"cursor": "not-a-cursor"}), 400)
    assert_error(client.get("/api/events", params={"cursor": "WzEsMiwzXQ"}), 400)  # [1,2,3]
    assert_error(client.get("/api/search", params={"q": "x", "cursor": "W10"}), 400)  # []
    assert_error(client.get("/api/events", params={"place": "Atlantis", "radius": 5}), 400)
    assert_error(client.get("/api/events", params={"radius": 5}), 400)
    assert_error(client.get("/api/search"), 422)


def test_security_headers(client: TestClient) -> None:
    for path in ("/", "/api/events", "/static/style.css"):
        policy = client.get(path).headers["content-security-policy"]
        assert "default-src 'self'" in policy and "script-src 'self'" in policy
        assert "unsafe-inline" not in policy


def test_tiles_origin_is_allowed_for_images_only(store_path: Path) -> None:
    app = create_app(corpus=Corpus(store_path), tiles="https://tiles.example.org/{z}/{x}/{y}.png")
    with TestClient(app) as client:
        response = client.get("/events")
    policy = response.headers["content-security-policy"]
    assert "img-src 'self' data: https://tiles.example.org" in policy
    assert "script-src 'self';" in policy
    assert 'href="https://tiles.example.org/' in response.text


def test_openapi_documents_the_api(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    for path in (*LISTS, "/api/search", "/api/extract", "/api/ingest"):
        assert path in spec["paths"], path
    names = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert names >= {
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
        "cursor",
        "limit",
        "format",
    }
    assert spec["paths"]["/api/extract"]["post"]["security"]


# ---------------------------------------------------------------- write endpoints


def test_write_endpoints_are_off_without_token(store_path: Path, monkeypatch: Any) -> None:
    monkeypatch.delenv("TOTOR_TOKEN", raising=False)
    with TestClient(create_app(corpus=Corpus(store_path))) as client:
        assert_error(client.post("/api/extract", json={"text": "x"}), 403)
        assert_error(
            client.post(
                "/api/ingest",
                json={"documents": [{"text": "x"}]},
                headers={"Authorization": "Bearer anything"},
            ),
            403,
        )


def test_write_endpoints_need_the_right_token(client: TestClient) -> None:
    assert_error(client.post("/api/extract", json={"text": "x"}), 401)
    wrong = {"Authorization": "Bearer nope"}
    assert_error(client.post("/api/extract", json={"text": "x"}, headers=wrong), 401)
    assert_error(client.post("/api/ingest", json={"documents": []}, headers=wrong), 401)


@pytest.fixture
def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


REPORT = (
    "Rebels shelled the town of Bunia on Sunday, killing at least seven civilians, a "
    "local official said. The army said it had pushed the fighters back by nightfall."
)


def test_extract_returns_a_record(client: TestClient, auth: dict[str, str]) -> None:
    response = client.post(
        "/api/extract", json={"text": REPORT, "published": "2024-03-10"}, headers=auth
    )
    assert response.status_code == 200, response.text
    record = response.json()["row"]
    assert record["text"] == REPORT
    killed = [f for f in record["figures"] if f["measure"] == "killed"]
    assert killed and killed[0]["value"] == 7
    assert any(e["type"] == "ASSAULT" for e in record["events"])
    assert_error(client.post("/api/extract", json={}, headers=auth), 422)
    # a "url" must be a web address, never a path on the server
    assert_error(client.post("/api/extract", json={"url": "/etc/passwd"}, headers=auth), 422)


def test_request_size_limit(client: TestClient, auth: dict[str, str]) -> None:
    huge = "word " * 500_000  # 2.5 MB
    assert_error(client.post("/api/extract", json={"text": huge}, headers=auth), 413)
    assert_error(
        client.post("/api/ingest", json={"documents": [{"text": huge}]}, headers=auth), 413
    )


def test_ingest_stores_new_documents(
    tmp_path: Path, pipeline: Any, token: str, auth: dict[str, str]
) -> None:
    app = create_app(tmp_path / "fresh.db", token=token, processor=pipeline)
    with TestClient(app) as client:
        document = {
            "text": REPORT,
            "title": "Shelling in Bunia",
            "outlet": "Lake Post",
            "published": "2024-03-10",
        }
        first = client.post("/api/ingest", json={"documents": [document]}, headers=auth)
        assert first.status_code == 200, first.text
        assert first.json()["counts"]["new"] == 1
        again = client.post("/api/ingest", json={"documents": [document]}, headers=auth)
        assert again.json()["counts"] == {"new": 0, "versions": 0, "skipped": 1, "failed": 0}
        listed = client.get("/api/articles").json()["rows"]
        assert [a["title"] for a in listed] == ["Shelling in Bunia"]
        assert_error(client.post("/api/ingest", json={"documents": []}, headers=auth), 422)
