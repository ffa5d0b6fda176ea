"""Incidents laid out in the columns conflict-event datasets use (ACLED, UCDP GED), so that a
researcher can put sitroom's table beside theirs: one row per incident, each happening once however
many reports carried it, with the reports' outlets and pages as its sources.

What is coded and how, in the datasets' own terms:
- ACLED: violent incidents and the strategic developments `extract/types.py` maps to an ACLED
  event and sub-event type (other types have no ACLED counterpart and are left out).  ACLED records
  "the most conservative" fatality figure: `fatalities` is the lowest current killed figure of any
  source.  geo_precision 1 is a town or village, 2 a district or a place near it, 3 an oblast,
  region or country.  time_precision 1 is a day, 2 a span of up to a week, 3 longer.
- UCDP GED: violent incidents (its "events of organised violence"), whether or not anyone died
  (GED keeps those with at least one death: filter on `best`).  best is the largest current killed
  figure of any source (the `killed` of `sitroom incidents`), low and high the least and most any
  source gives now; deaths_civilians the most any source gives for civilians, children or medics.
  where_prec 1 is a point, 3 a district, 4 an oblast, 5 a wider named area (Donbas, Crimea), 7 a
  sea, 6 a country; date_prec 1 is a day, 2 up to six days, 3 a week, 4 a month, 5 longer.
Both carry `sitroom_incident_id` so that every row leads back to its evidence (`sitroom claims ID`).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from typing import TextIO

from .extract.types import EventType, by_subtype
from .store.incident_queries import Parties

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "actor2", "civilian_targeting", "country", "admin1", "location", "latitude", "longitude",
    "geo_precision", "source", "source_scale", "notes", "fatalities", "timestamp",
    "sitroom_incident_id", "sitroom_subtype",
]
UCDP_COLUMNS = [
    "id", "year", "side_a", "side_b", "source_article", "source_office", "source_date", "source_headline",
    "where_prec", "where_coordinates", "adm_1", "latitude", "longitude", "country", "date_prec",
    "date_start", "date_end", "deaths_civilians", "best", "high", "low",
    "sitroom_incident_id", "sitroom_subtype",
]
LAYOUTS = {"acled": ACLED_COLUMNS, "ucdp": UCDP_COLUMNS}
# Groups whose dead are civilians (UCDP's deaths_civilians).
CIVILIAN_GROUPS = frozenset({"civilians", "children", "medics", "journalists", "rescuers"})
_ACLED_GEO = {"point": 1, "district": 2, "oblast": 3, "region": 3, "country": 3}
_UCDP_WHERE = {"point": 1, "district": 3, "oblast": 4, "region": 5, "country": 6}
# Names of areas at sea, which UCDP codes 7.
_SEAS = ("Sea", "Strait", "Ocean")


def rows(layout: str, incidents: list[dict], parties: dict[int, Parties], countries: dict[str, str]) -> Iterator[dict]:
    """The incidents the layout codes, as rows keyed by its columns."""
    make = _acled_row if layout == "acled" else _ucdp_row
    for record in incidents:
        row = make(record, parties.get(record["id"], Parties()), countries)
        if row is not None:
            yield row


def _kind(subtype: str) -> EventType | None:
    try:
        return by_subtype(subtype)
    except KeyError:  # a subtype of older rules: relinking after `sitroom extract --redo` renames it
        return None


def write(layout: str, coded: Iterable[dict], sink: TextIO, format: str = "csv") -> int:
    """Write coded rows as CSV (with the layout's header) or JSON lines; how many were written."""
    written = 0
    if format == "jsonl":
        for row in coded:
            sink.write(json.dumps(row, ensure_ascii=False) + "\n")
            written += 1
        return written
    writer = csv.DictWriter(sink, fieldnames=LAYOUTS[layout], lineterminator="\n")
    writer.writeheader()
    for row in coded:
        writer.writerow(row)
        written += 1
    return written


def _acled_row(record: dict, who: Parties, countries: dict[str, str]) -> dict | None:
    kind = _kind(record["subtype"])
    if kind is None or kind.acled_event_type is None:
        return None
    place = record["place"] or {}
    start = _date(record["date_start"])
    killed = _deaths(record["figures"])
    target = who.targets[0] if who.targets else None
    return {
        "event_id_cnty": f"SITROOM{record['id']}",
        "event_date": record["date_start"] or "",
        "year": start.year if start else "",
        "time_precision": _span_precision(record, (1, 2, 3)),
        "disorder_type": "Political violence" if kind.violent else "Strategic developments",
        "event_type": kind.acled_event_type,
        "sub_event_type": kind.acled_sub_event_type,
        "actor1": _party(who.actors[0], countries) if who.actors else "",
        "actor2": _party(target, countries) if target else "",
        "civilian_targeting": "Civilian targeting" if target and target[2] == "civilians" else "",
        "country": countries.get(place.get("country") or "", place.get("country") or ""),
        "admin1": place.get("admin1") or "",
        "location": place.get("name") or "",
        "latitude": place.get("lat", ""),
        "longitude": place.get("lon", ""),
        "geo_precision": _ACLED_GEO.get(place.get("precision") or "", ""),
        "source": "; ".join(who.outlets),
        "source_scale": "",
        "notes": who.evidence,
        "fatalities": _number(min(killed.values())) if killed else 0,
        "timestamp": _epoch(record["first_reported"]),
        "sitroom_incident_id": record["id"],
        "sitroom_subtype": record["subtype"],
    }


def _ucdp_row(record: dict, who: Parties, countries: dict[str, str]) -> dict | None:
    kind = _kind(record["subtype"])
    if kind is None or not kind.violent:
        return None
    place = record["place"] or {}
    start = _date(record["date_start"])
    killed = _deaths(record["figures"])
    civilians = _deaths(record["figures"], CIVILIAN_GROUPS)
    precision = place.get("precision") or ""
    where = 7 if precision == "region" and (place.get("name") or "").endswith(_SEAS) else _UCDP_WHERE.get(precision, "")
    return {
        "id": record["id"],
        "year": start.year if start else "",
        "side_a": _party(who.actors[0], countries) if who.actors else "",
        "side_b": _party(who.targets[0], countries) if who.targets else "",
        "source_article": "; ".join(who.urls),
        "source_office": "; ".join(who.outlets),
        "source_date": (record["first_reported"] or "")[:10],
        "source_headline": who.evidence,
        "where_prec": where,
        "where_coordinates": place.get("name") or "",
        "adm_1": place.get("admin1") or "",
        "latitude": place.get("lat", ""),
        "longitude": place.get("lon", ""),
        "country": countries.get(place.get("country") or "", place.get("country") or ""),
        "date_prec": _span_precision(record, (1, 2, 3, 4, 5)),
        "date_start": record["date_start"] or "",
        "date_end": record["date_end"] or record["date_start"] or "",
        "deaths_civilians": _number(max(civilians.values())) if civilians else 0,
        "best": _number(record["killed"]) if record["killed"] is not None else 0,
        "high": _number(max(killed.values())) if killed else 0,
        "low": _number(min(killed.values())) if killed else 0,
        "sitroom_incident_id": record["id"],
        "sitroom_subtype": record["subtype"],
    }


def _deaths(figures: list[dict], groups: frozenset[str] | None = None) -> dict[str, float]:
    """Each source's current count of dead (of these groups), its largest where it gives several
    ("89 killed" and "89 soldiers killed" are one count)."""
    by_source: dict[str, float] = {}
    for figure in figures:
        if figure["measure"] != "killed" or figure["value"] is None:
            continue
        if groups is not None and figure["group"] not in groups:
            continue
        by_source[figure["source"]] = max(by_source.get(figure["source"], 0.0), float(figure["value"]))
    return by_source


def _party(party: tuple[str, str | None, str | None], countries: dict[str, str]) -> str:
    """"Russian Ministry of Defence (Russia)": the canonical actor and its country."""
    name, country, _sector = party
    spelled = countries.get(country or "", country or "")
    return f"{name} ({spelled})" if spelled and spelled not in name else name


def _span_precision(record: dict, scale: tuple[int, ...]) -> int | str:
    """How exactly the incident is dated, on the layout's scale: a day, up to a week, a week, a month, longer."""
    start, end = _date(record["date_start"]), _date(record["date_end"] or record["date_start"])
    if start is None or end is None:
        return ""
    days = (end - start).days
    limits = (0, 6, 7, 31) if len(scale) == 5 else (0, 7)
    for value, limit in zip(scale, limits):
        if days <= limit:
            return value
    return scale[-1]


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _epoch(value: str | None) -> int | str:
    if not value:
        return ""
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return ""
    return int((moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp())


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value
