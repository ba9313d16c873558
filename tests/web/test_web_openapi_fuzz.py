"""Property-based checks of every GET endpoint against the app's own OpenAPI spec.

schemathesis generates the requests from /api/openapi.json and calls the ASGI app
directly. (Its lazy pytest loader does not run under pytest 9, so each operation's
hypothesis strategy is drawn from here instead.)
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings

GET_PATHS = (
    "/api/articles",
    "/api/articles/{article_id}",
    "/api/events",
    "/api/events/{event_id}",
    "/api/figures",
    "/api/figures/series",
    "/api/claims",
    "/api/clusters",
    "/api/clusters/{cluster_id}",
    "/api/search",
)


@pytest.fixture(scope="session")
def api_schema(app: FastAPI) -> Any:
    return schemathesis.openapi.from_asgi("/api/openapi.json", app)


def test_every_get_endpoint_is_fuzzed(api_schema: Any) -> None:
    documented = {
        operation.ok().path
        for operation in api_schema.get_all_operations()
        if operation.ok().method.upper() == "GET"
    }
    assert documented == set(GET_PATHS)


@pytest.mark.parametrize("path", GET_PATHS)
def test_no_server_errors(api_schema: Any, path: str) -> None:
    operation = api_schema[path]["GET"]

    @given(case=operation.as_strategy())
    @settings(
        max_examples=25,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    def check(case: Any) -> None:
        response = case.call()
        assert response.status_code < 500, f"{case.path} {case.query}: {response.text}"
        content_type = (response.headers.get("content-type") or [""])[0]
        if content_type.startswith("application/json"):
            body = response.json()
            if response.status_code >= 400:
                assert body == {"ok": False, "error": body["error"], "status": response.status_code}
            else:
                assert body["ok"] is True

    check()
