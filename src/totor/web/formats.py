"""CSV and GeoJSON answers for the API's lists."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from fastapi.responses import JSONResponse, Response


def _cell(value: Any) -> str:
    """One CSV cell: lists joined with "; ", objects as their name (else JSON)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(_cell(item) for item in value)
    if isinstance(value, dict):
        name = value.get("name")
        return str(name) if name else json.dumps(value, ensure_ascii=False)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _safe(text: str) -> str:
    # a cell starting with = + - @ is a formula to spreadsheet programs: defuse it
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_text(items: list[dict[str, Any]]) -> str:
    columns: list[str] = []
    for item in items:
        columns.extend(key for key in item if key not in columns)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for item in items:
        writer.writerow([_safe(_cell(item.get(column))) for column in columns])
    return buffer.getvalue()


def csv_response(items: list[dict[str, Any]], kind: str) -> Response:
    return Response(
        csv_text(items),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'inline; filename="{kind}.csv"'},
    )


def _coordinates(item: dict[str, Any]) -> tuple[float, float] | None:
    place = item.get("place")
    source = place if isinstance(place, dict) else item
    lat, lon = source.get("lat"), source.get("lon")
    if isinstance(lat, int | float) and isinstance(lon, int | float):
        return float(lon), float(lat)
    return None


def feature_collection(items: list[dict[str, Any]], next_cursor: str | None) -> dict[str, Any]:
    """Located rows as Point features; rows without coordinates are left out."""
    features = []
    for item in items:
        point = _coordinates(item)
        if point is None:
            continue
        features.append(
            {
                "type": "Feature",
                "id": item.get("id"),
                "geometry": {"type": "Point", "coordinates": list(point)},
                "properties": item,
            }
        )
    return {"type": "FeatureCollection", "features": features, "next": next_cursor}


def geojson_response(items: list[dict[str, Any]], next_cursor: str | None) -> Response:
    return JSONResponse(feature_collection(items, next_cursor), media_type="application/geo+json")
