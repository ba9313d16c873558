"""Geometry for the server-rendered SVG: the events map, the timeline, the figure chart.

Functions here compute numbers only; the templates write the SVG (autoescaped), so no
string from the store is ever pasted into markup by hand.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import date as Date
from datetime import timedelta
from functools import cache
from pathlib import Path

from totor.web.queries import MapPoint

STATIC = Path(__file__).parent / "static"
PALETTE = ("#1f6fb2", "#c2410c", "#15803d", "#7e22ce", "#b91c1c", "#0e7490", "#a16207", "#be185d")


@cache
def world_outline() -> str:
    """The land path of ``static/world-outline.json`` (see ``build_outline.py``)."""
    data = json.loads((STATIC / "world-outline.json").read_text("utf-8"))
    return str(data["path"])


# ---------------------------------------------------------------- map


@dataclass
class Marker:
    x: float
    y: float
    r: float
    place: str
    count: int
    lat: float
    lon: float


@dataclass
class Tile:
    href: str
    x: float
    y: float
    size: float


@dataclass
class MapView:
    view_box: str
    markers: list[Marker]
    outline: str | None  # the world path (equirectangular view) or None (tiles)
    tiles: list[Tile] = field(default_factory=list)
    stroke: float = 0.3


def _fit(points: list[MapPoint], min_span: float) -> tuple[float, float, float, float]:
    """A 2:1 lon/lat box around the points, at least ``min_span`` degrees wide."""
    if not points:
        return -180.0, -90.0, 360.0, 180.0
    west = min(p.lon for p in points)
    east = max(p.lon for p in points)
    south = min(p.lat for p in points)
    north = max(p.lat for p in points)
    width = max(east - west, 2 * (north - south), min_span) * 1.3
    height = width / 2
    cx, cy = (west + east) / 2, (south + north) / 2
    width, height = min(width, 360.0), min(height, 180.0)
    x = min(max(cx - width / 2, -180.0), 180.0 - width)
    y = min(max(-cy - height / 2, -90.0), 90.0 - height)
    return x, y, width, height


def equirectangular_map(points: list[MapPoint], min_span: float = 60.0) -> MapView:
    """Markers at (lon, -lat) over the world outline, zoomed to fit the points."""
    x, y, width, height = _fit(points, min_span)
    biggest = max((p.count for p in points), default=1)
    unit = width / 160  # marker size in degrees scales with the zoom
    markers = [
        Marker(
            round(p.lon, 4),
            round(-p.lat, 4),
            round(unit * (1.2 + 2.2 * math.sqrt(p.count / biggest)), 3),
            p.place,
            p.count,
            p.lat,
            p.lon,
        )
        for p in points
    ]
    return MapView(f"{x:g} {y:g} {width:g} {height:g}", markers, world_outline(), stroke=unit * 0.3)


def _mercator(lat: float, lon: float, zoom: int) -> tuple[float, float]:
    """Web Mercator pixel coordinates at a zoom level (256-pixel tiles)."""
    lat = max(min(lat, 85.05), -85.05)
    scale = 256 * 2**zoom
    x = (lon + 180) / 360 * scale
    y = 1 - math.log(math.tan(math.radians(lat)) + 1 / math.cos(math.radians(lat))) / math.pi
    return x, y / 2 * scale


def tile_map(
    points: list[MapPoint], template: str, width_px: int = 768, max_tiles: int = 24
) -> MapView:
    """Markers over map tiles from a user-given URL template ({z}/{x}/{y})."""
    lats = [p.lat for p in points] or [0.0]
    lons = [p.lon for p in points] or [0.0]
    zoom = 0
    for candidate in range(12, -1, -1):
        x0, y0 = _mercator(max(lats), min(lons), candidate)
        x1, y1 = _mercator(min(lats), max(lons), candidate)
        tiles_x = int(x1 // 256) - int(x0 // 256) + 2
        tiles_y = int(y1 // 256) - int(y0 // 256) + 2
        if x1 - x0 <= width_px * 0.8 and tiles_x * tiles_y <= max_tiles:
            zoom = candidate
            break
    x0, y0 = _mercator(max(lats), min(lons), zoom)
    x1, y1 = _mercator(min(lats), max(lons), zoom)
    span = 256 * 2**zoom
    width = min(max(x1 - x0, 256.0) * 1.4, span)
    height = width / 2
    left = min(max((x0 + x1) / 2 - width / 2, 0.0), span - width)
    top = min(max((y0 + y1) / 2 - height / 2, 0.0), max(span - height, 0.0))
    tiles = [
        Tile(
            template.replace("{z}", str(zoom)).replace("{x}", str(tx)).replace("{y}", str(ty)),
            tx * 256,
            ty * 256,
            256,
        )
        for tx in range(int(left // 256), int((left + width) // 256) + 1)
        for ty in range(int(top // 256), int((top + height) // 256) + 1)
        if 0 <= tx < 2**zoom and 0 <= ty < 2**zoom
    ]
    biggest = max((p.count for p in points), default=1)
    unit = width / 160
    markers = []
    for p in points:
        x, y = _mercator(p.lat, p.lon, zoom)
        radius = unit * (1.2 + 2.2 * math.sqrt(p.count / biggest))
        markers.append(
            Marker(round(x, 2), round(y, 2), round(radius, 2), p.place, p.count, p.lat, p.lon)
        )
    return MapView(
        f"{left:g} {top:g} {width:g} {height:g}", markers, None, tiles, stroke=unit * 0.3
    )


# ---------------------------------------------------------------- timeline


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    date: str
    count: int


@dataclass
class Timeline:
    width: int
    height: int
    bars: list[Bar]
    first: str
    last: str
    peak: int


def _day(value: str | None) -> Date | None:
    try:
        return Date.fromisoformat((value or "")[:10])
    except ValueError:
        return None


def timeline(counts: list[tuple[str, int]], width: int = 720, height: int = 110) -> Timeline | None:
    """One bar per day between the first and last dated event."""
    days = [(day, count) for value, count in counts if (day := _day(value)) is not None]
    if not days:
        return None
    first, last = days[0][0], days[-1][0]
    span = (last - first).days + 1
    slot = (width - 40) / span
    peak = max(count for _, count in days)
    plot = height - 24
    bars = []
    for day, count in days:
        bar_height = max(plot * count / peak, 1.0)
        bars.append(
            Bar(
                round(30 + (day - first).days * slot, 2),
                round(6 + plot - bar_height, 2),
                round(max(slot * 0.85, 0.6), 2),
                round(bar_height, 2),
                day.isoformat(),
                count,
            )
        )
    return Timeline(width, height, bars, first.isoformat(), last.isoformat(), peak)


# ---------------------------------------------------------------- figure chart


@dataclass
class ChartPoint:
    x: float
    y: float
    date: str
    value: float
    source: str
    quote: str
    article_id: str


@dataclass
class Line:
    source: str
    colour: str
    path: str
    points: list[ChartPoint]


@dataclass
class Tick:
    position: float
    label: str


@dataclass
class LineChart:
    width: int
    height: int
    lines: list[Line]
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    left: int
    bottom: int


def _nice_ticks(high: float, count: int = 4) -> list[float]:
    if high <= 0:
        return [0.0]
    raw = high / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return [step * i for i in range(int(high // step) + 2)]


def line_chart(
    points: list[tuple[str | None, float | None, str, str, str]],
    width: int = 720,
    height: int = 300,
) -> LineChart | None:
    """A measure over time, one line per source.

    ``points`` are (date, value, source, quote, article_id); undated or valueless points
    are left out.
    """
    usable = [
        (day, value, source, quote, article)
        for value_date, value, source, quote, article in points
        if value is not None and (day := _day(value_date)) is not None
    ]
    if not usable:
        return None
    left, right, top, bottom = 56, 16, 12, 28
    first = min(p[0] for p in usable)
    last = max(p[0] for p in usable)
    span = max((last - first).days, 1)
    y_ticks = _nice_ticks(max(p[1] for p in usable))
    y_max = y_ticks[-1] or 1.0
    plot_w, plot_h = width - left - right, height - top - bottom

    def x_of(day: Date) -> float:
        if first == last:
            return left + plot_w / 2
        return round(left + (day - first).days / span * plot_w, 2)

    def y_of(value: float) -> float:
        return round(top + plot_h - value / y_max * plot_h, 2)

    by_source: dict[str, list[ChartPoint]] = {}
    for day, value, source, quote, article in sorted(usable, key=lambda p: (p[0], p[1])):
        by_source.setdefault(source, []).append(
            ChartPoint(x_of(day), y_of(value), day.isoformat(), value, source, quote, article)
        )
    lines = []
    for index, (source, chart_points) in enumerate(sorted(by_source.items())):
        path = " ".join(
            f"{'M' if i == 0 else 'L'}{p.x:g} {p.y:g}" for i, p in enumerate(chart_points)
        )
        lines.append(Line(source, PALETTE[index % len(PALETTE)], path, chart_points))
    tick_days = sorted({first, last, first + timedelta(days=span // 2)})
    x_ticks = [Tick(x_of(day), day.isoformat()) for day in tick_days]
    y_tick_marks = [Tick(y_of(value), f"{value:,.0f}") for value in y_ticks]
    return LineChart(width, height, lines, x_ticks, y_tick_marks, left, height - bottom)
