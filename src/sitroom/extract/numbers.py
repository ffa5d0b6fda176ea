"""Numbers as war coverage writes them, with the bounds their words imply.

`find_numbers(text)` finds every number-like span and says what kind it is, so that later stages can
keep the counts and drop the rest: years, dates, times, ages, calibres and model names ("S-300",
"155mm", "Su-25"), ordinals and measurements ("12.5km", "24 hours") are spans too, only of another
kind.  `parse_quantity(text)` reads one phrase.

The value and bound rule (one rule for every form):
- ``value`` is the number the words state; ``None`` where they state none (a vague plural such as
  "dozens", or a range "between 20 and 30").
- ``low`` / ``high`` are the bounds the words imply, inclusive, at the stated number:
  exact "54" -> low = high = 54; "more than / over / at least / 85+" -> low only; "up to / fewer than /
  nearly / almost" -> high only ("more than 70,000" gives low 70000, not 70001: the text does not say
  by how much).
- ``approximate`` is set by hedges ("about", "some", "around", "an estimated", "nearly", "almost") and
  by vague plurals; hedged numbers carry no bounds unless the hedge also implies one ("nearly 500":
  high 500, approximate).
- Vague plurals carry bounds only: "dozens" low 24; "scores" low 40; "hundreds" 200-999;
  "thousands" 2,000-9,999; "tens of thousands" 20,000-99,999; "hundreds of thousands"
  200,000-999,999; "millions" low 2,000,000; "several/a few hundred" 200-999.  "a dozen" is 12, hedged.
- Fractions followed by "of" are shares: "half of Kyiv" -> 50 percent, "two-thirds of" -> 66.7 percent.
- Separators: "70,000", Ukrainian "1 116" and European "5.200" (a dot before exactly three digits
  and no scale word) are thousands; "1.5 million", "11K", "$1.85bn" are scaled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

__all__ = ["Quantity", "NumberSpan", "find_numbers", "parse_quantity", "COUNT_KINDS"]


@dataclass(frozen=True, slots=True)
class Quantity:
    value: float | None
    low: float | None = None
    high: float | None = None
    approximate: bool = False
    unit: str | None = None  # "percent", an ISO currency code ("USD"), or a measure unit ("km")


@dataclass(frozen=True, slots=True)
class NumberSpan:
    """A number in a text: its words (modifiers included), where they are, and what kind it is."""

    quantity: Quantity
    start: int
    end: int
    text: str
    # count | percent | money: what a figure can be made of;
    # year | date | time | age | code | ordinal | measure: numbers that are not figures.
    kind: str
    vague: bool = False  # "dozens", "hundreds of": a plural with no stated value


COUNT_KINDS = frozenset({"count", "percent", "money"})

# --- Word tables -------------------------------------------------------------------------------------

UNITS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen".split()
    )
}
TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split())
        if w != "_"}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "dozen": 12}

MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)

# Hedges and bounds written before a number: phrase -> (bound, approximate).
# bound: "low" (at least), "high" (at most), None (no bound).
MODIFIERS: dict[str, tuple[str | None, bool]] = {
    "more than": ("low", False),
    "over": ("low", False),
    "just over": ("low", False),
    "well over": ("low", False),
    "above": ("low", False),
    "at least": ("low", False),
    "no fewer than": ("low", False),
    "no less than": ("low", False),
    "not less than": ("low", False),
    "upwards of": ("low", False),
    "in excess of": ("low", False),
    "a minimum of": ("low", False),
    "up to": ("high", False),
    "as many as": ("high", False),
    "fewer than": ("high", False),
    "less than": ("high", False),
    "under": ("high", False),
    "just under": ("high", False),
    "below": ("high", False),
    "no more than": ("high", False),
    "not more than": ("high", False),
    "at most": ("high", False),
    "a maximum of": ("high", False),
    "nearly": ("high", True),
    "almost": ("high", True),
    "close to": ("high", True),
    "about": (None, True),
    "around": (None, True),
    "some": (None, True),
    "approximately": (None, True),
    "approx.": (None, True),
    "roughly": (None, True),
    "an estimated": (None, True),
    "estimated": (None, True),
    "circa": (None, True),
    "c.": (None, True),
    "~": (None, True),
    "more or less": (None, True),
    "exactly": (None, False),
    "precisely": (None, False),
}

CURRENCY_PREFIX = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "₴": "UAH", "₽": "RUB",
                   "usd": "USD", "eur": "EUR", "gbp": "GBP", "uah": "UAH", "rub": "RUB"}
CURRENCY_SUFFIX = {"dollars": "USD", "us dollars": "USD", "euros": "EUR", "euro": "EUR", "pounds sterling": "GBP",
                   "hryvnias": "UAH", "hryvnia": "UAH", "hryvnas": "UAH", "hryvnyas": "UAH", "uah": "UAH",
                   "roubles": "RUB", "rubles": "RUB", "usd": "USD", "eur": "EUR", "gbp": "GBP", "rub": "RUB"}

# Units after a number that make it a measurement, not a count.
MEASURE_UNITS = (
    r"km|kms|kilomet(?:er|re)s?|miles?|mi|met(?:er|re)s?|mm|cm|millimet(?:er|re)s?|centimet(?:er|re)s?|"
    r"kg|kilos?|kilograms?|grams?|tonnes?|tons?|t|lbs?|hectares?|ha|sq|square|acres?|degrees?|°c?|"
    r"kph|km/h|mph|knots?|mw|gw|kw|mwh|gwh|kwh|litres?|liters?|gallons?|barrels?|bcm|cubic|calibre|caliber|"
    r"m|seconds?|secs?|minutes?|mins?|hours?|hrs?|h|days?|nights?|weeks?|months?|years?|yrs?|decades?|centuries|"
    r"times|fold|storey|story|stories|storeys|floors?|kilotons?|megatons?|inch(?:es)?|feet|ft|yards?|x"
)
MILLION_NOUNS = frozenset(
    "people persons residents refugees households homes customers consumers users subscribers children "
    "passengers doses civilians ukrainians russians displaced migrants tonnes tons barrels".split()
)
# Words before a number that make it a label ("Article 5", "No. 3", "Brigade 36"), not a count.
CODE_LABELS = frozenset(
    "no no. nos number num # article articles part paragraph resolution flight route highway road building "
    "house apartment flat block school lyceum gymnasium hospital section chapter stage phase grade level "
    "category room platform gate exit line page vol volume item unit brigade battalion regiment division "
    "corps army squadron model version type mark mk code reactor unit power-unit kindergarten office "
    "precinct district station plant mine shaft sector zone point checkpoint tranche package".split()
)
STREET_WORDS = r"street|st|avenue|ave|lane|boulevard|blvd|road|prospekt|prospect|square|embankment|highway|alley|str"
YEAR_PRECEDERS = frozenset(
    "in since from of by until till before after during year years summer winter spring autumn fall early late mid "
    "end start beginning through throughout between and to c. circa around the".split()
) | frozenset(MONTHS.split("|"))

# --- Patterns -----------------------------------------------------------------------------------------

_NUMW = "|".join(sorted([*UNITS, *TENS, *SCALES], key=len, reverse=True))
_JOIN = r"(?:[ \t]*-[ \t]*|[ \t]+|(?<=hundred)[ \t]+and[ \t]+|(?<=thousand)[ \t]+and[ \t]+|(?<=million)[ \t]+and[ \t]+)"
_FRACTIONS = {
    "half": 50.0, "a half": 50.0, "one half": 50.0, "a third": 100 / 3, "one third": 100 / 3, "one-third": 100 / 3,
    "two thirds": 200 / 3, "two-thirds": 200 / 3, "a quarter": 25.0, "one quarter": 25.0, "one-quarter": 25.0,
    "three quarters": 75.0, "three-quarters": 75.0, "a fifth": 20.0, "one fifth": 20.0, "one-fifth": 20.0,
}
_VAGUE = {
    "dozens": (24, None), "scores": (40, None), "hundreds": (200, 999), "thousands": (2_000, 9_999),
    "tens of thousands": (20_000, 99_999), "hundreds of thousands": (200_000, 999_999),
    "millions": (2_000_000, None), "tens of millions": (20_000_000, None),
    "hundreds of millions": (200_000_000, 999_999_999),
    "several dozen": (24, None), "a few dozen": (24, None), "several hundred": (200, 999),
    "a few hundred": (200, 999), "several thousand": (2_000, 9_999), "a few thousand": (2_000, 9_999),
    "several tens of thousands": (20_000, 99_999), "several million": (2_000_000, None),
}

CORE = re.compile(
    rf"""
    (?P<frac>\b(?:a\s+half|one\s+half|half|a\s+third|one[\s-]third|two[\s-]thirds|a\s+quarter|one[\s-]quarter|
        three[\s-]quarters|a\s+fifth|one[\s-]fifth)(?=\s+of\b))
    |(?P<halfdozen>\bhalf\s+a\s+dozen\b)
    |(?P<vague>\b(?:(?:several|a\s+few)\s+(?:dozen|hundred|thousand|million|tens\s+of\s+thousands)\b(?:\s+of\b)?
        |(?:tens|hundreds)\s+of\s+(?:thousands|millions)\b(?:\s+of\b)?
        |(?:dozens|hundreds|thousands|millions)\b(?:\s+of\b)?
        |scores\s+of\b))
    |(?P<numdate>(?<![\w.,/])(?:[0-3]?\d[./][0-3]?\d[./](?:19|20)?\d\d|(?:19|20)\d\d-[01]\d-[0-3]\d)(?![\w/]|[.,]\d))
    |(?P<cur>(?<![\w$€£])(?:US\$|\$|€|£|₴|₽|(?:USD|EUR|GBP|UAH|RUB)[ \t]?))?
     (?P<dig>(?<![\w.,/])(?:\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?
        |\d{{1,3}}(?:[ \u00a0\u202f]\d{{3}})+(?!\d|[.,]\d)
        |[1-9]\d{{0,2}}(?:\.\d{{3}})+(?!\d|[.,]\d)
        |\d+(?:\.\d+)?))
    |(?P<word>\b(?:a[ \t]+(?=(?:hundred|thousand|million|dozen)\b))?(?:{_NUMW})(?:{_JOIN}(?:{_NUMW}))*\b)
    """,
    re.IGNORECASE | re.VERBOSE,
)
# What may follow a digit core: a scale, a percent sign or word, a plus, a currency word.
SCALE_AFTER = re.compile(
    r"[ \t]?(?P<scale>k|K|thousands?|m|mn|mln|millions?|b|bn|billions?|tn|trillion)\b(?!-)", re.IGNORECASE
)
PERCENT_AFTER = re.compile(r"[ \t]?(?:%|percent\b|per[ \t]+cent\b|pc\b|percentage[ \t]+points?\b)", re.IGNORECASE)
PLUS_AFTER = re.compile(
    r"(?:\+|[ \t]*-?plus\b|[ \t]+or[ \t]+more\b|[ \t]+and[ \t]+more\b|[ \t]+or[ \t]+so\b)", re.IGNORECASE
)
CURRENCY_AFTER = re.compile(
    r"[ \t]+(?P<cur>us[ \t]+dollars|dollars|euros?|pounds[ \t]+sterling|hryvn[iy]?as?|uah|roubles|rubles|usd|eur|gbp|"
    r"rub)\b",
    re.IGNORECASE,
)
ORDINAL_AFTER = re.compile(r"(?:st|nd|rd|th)\b", re.IGNORECASE)
UNIT_AFTER = re.compile(rf"[ \t]?-?[ \t]?(?P<unit>{MEASURE_UNITS})(?![\w])", re.IGNORECASE)
AGE_AFTER = re.compile(r"[ \t]*-?[ \t]*(?:years?|yrs?|months?|weeks?|days?)[ \t]*-?[ \t]*old\b", re.IGNORECASE)
YO_AFTER = re.compile(r"[ \t]*(?:y\.?o\.?|yo)\b", re.IGNORECASE)
DATE_AFTER = re.compile(rf"(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?(?:{MONTHS})\b\.?", re.IGNORECASE)
DATE_BEFORE = re.compile(rf"\b(?:{MONTHS})\.?[ \t]+$", re.IGNORECASE)
TIME_AFTER = re.compile(
    r"(?:[:.]\s?\d{2})?[ \t]*(?:a\.?m\.?|p\.?m\.?|o'clock|o’clock|gmt|utc|cet|eet|msk|hrs|h\b|local[ \t]+time|"
    r"kyiv[ \t]+time|moscow[ \t]+time)(?!\w)",
    re.IGNORECASE,
)
CLOCK = re.compile(r"[ \t]?:[ \t]?\d{2}(?!\d)")
STREET_AFTER = re.compile(rf"[ \t]+(?:[A-Z][\w'’-]*[ \t]+){{1,3}}(?:{STREET_WORDS})\b", re.IGNORECASE)
STREET_BEFORE = re.compile(rf"\b(?:{STREET_WORDS})\.?,?[ \t]*$", re.IGNORECASE)
LAST_WORD = re.compile(r"([\w.#'’-]+)[ \t]*$")
NEXT_WORD = re.compile(r"[ \t]*([A-Za-z][\w'’-]*)")
MODIFIER_BEFORE = re.compile(
    r"(?:^|(?<=[\s(\"“'‘]))(?P<mod>"
    + "|".join(re.escape(m).replace(r"\ ", r"\s+") for m in sorted(MODIFIERS, key=len, reverse=True))
    + r")[ \t]*[\"“'‘]?[ \t]*$",
    re.IGNORECASE,
)
EURO_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+")
YEAR_DIGITS = re.compile(r"(?:18|19|20)\d\d")
YEAR_FOLLOWERS = frozenset("the a an and to when as was were is in on at after before that which who for".split())
AGE_BEFORE = re.compile(r"\b(?:age|aged)[ \t]+(?:of[ \t]+)?$", re.IGNORECASE)
GLUED_LABEL = re.compile(r"-(?!plus\b|strong\b|odd\b)[A-Za-z]", re.IGNORECASE)
GLUED_ONLY_UNITS = frozenset("t h mi x ha ft sq square cubic m".split())
STRONG_LABELS = frozenset("article resolution flight route highway brigade battalion regiment".split())
WORD_SPLIT = re.compile(r"[\s-]+")
WHITESPACE = re.compile(r"\s+")
SPACE_THOUSANDS = re.compile(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+")
NON_DIGIT = re.compile(r"\D")
ISO_REST = re.compile(r"-\d{2}-\d{2}\b")
DOTTED_TIME = re.compile(r"\d{1,2}\.\d{2}")
NUMERIC_DATE_REST = re.compile(r"[/.]\d{1,2}[/.]\d{2,4}\b|[/.-]\d{1,2}[/.-](?:19|20)\d\d\b")
SLASH_DIGIT = re.compile(r"/\d")
LEADING_DIGITS = re.compile(r"[\d,]*\d(?:\.\d+)?")
NOT_ONE_BEFORE = re.compile(r"\b(?:no|any|every|some|the|one[ \t]+by)[ \t]+$", re.IGNORECASE)
NOT_ONE_AFTER = re.compile(r"[ \t]+(?:by[ \t]+one|another|after[ \t]+another|day|time|way|side)\b", re.IGNORECASE)
# "Brent Renaud, 50, was killed": a number set off by commas after a name is an age.
AGE_APPOSITION_BEFORE = re.compile(r"[A-Z][a-z’'-]+,[ \t]*$")
AGE_APPOSITION_AFTER = re.compile(r"[ \t]*,")
RANGE_JOIN = re.compile(r"^[ \t]*(?:-|–|—|to|or|and)[ \t]*$", re.IGNORECASE)
BETWEEN_BEFORE = re.compile(r"\bbetween[ \t]+$", re.IGNORECASE)
FROM_BEFORE = re.compile(r"\bfrom[ \t]+$", re.IGNORECASE)

_SCALE_VALUE = {"k": 1e3, "thousand": 1e3, "hundred": 1e2, "m": 1e6, "mn": 1e6, "mln": 1e6, "million": 1e6,
                "b": 1e9, "bn": 1e9, "billion": 1e9, "tn": 1e12, "trillion": 1e12}


# --- Parsing helpers ---------------------------------------------------------------------------------


def _squash(text: str) -> str:
    return WHITESPACE.sub(" ", text.lower())


def words_value(text: str) -> float | None:
    """'twenty-one' -> 21, 'one hundred and twenty' -> 120, 'a dozen' -> 12, 'two million' -> 2e6."""
    total = 0
    current = 0
    seen = False
    for word in WORD_SPLIT.split(text.lower()):
        if word in ("and", "", "a"):
            if word == "a":
                current = max(current, 1)
            continue
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word in ("hundred", "dozen"):
            current = max(current, 1) * SCALES[word]
        elif word in SCALES:
            total += max(current, 1) * SCALES[word]
            current = 0
        else:
            return None
        seen = True
    return float(total + current) if seen else None


def _digits_value(raw: str) -> tuple[float, bool]:
    """The value of a digit core and whether its dot was read as a decimal point."""
    if "," in raw:
        return float(raw.replace(",", "")), "." in raw
    if SPACE_THOUSANDS.fullmatch(raw):
        return float(NON_DIGIT.sub("", raw)), False
    return float(raw), "." in raw


def _scaled(raw: str, scale: float) -> float:
    return float(Decimal(raw.replace(",", "")) * Decimal(int(scale)))


@dataclass(slots=True)
class _Core:
    start: int
    end: int
    value: float | None
    kind: str
    unit: str | None = None
    low: float | None = None
    high: float | None = None
    approximate: bool = False
    vague: bool = False
    digits: bool = False
    year_like: bool = False


def _classify_digits(text: str, m: re.Match) -> _Core:
    start, end = m.start("dig"), m.end("dig")
    raw = m.group("dig")
    cur = m.group("cur")
    value, decimal = _digits_value(raw)
    core = _Core(m.start(), end, value, "count", digits=True)
    before = text[max(0, start - 30) : start]
    nxt = text[end : end + 40]
    if cur:
        core.unit = CURRENCY_PREFIX[cur.strip().lower()]
        core.kind = "money"
    elif start >= 2 and text[start - 1] in "-‑" and text[start - 2].isalpha():
        core.kind = "code"  # "S-300", "Kh-101", "Su-25", "AMX-10"
        return core
    elif start and text[start - 1] == "#":
        core.kind = "code"
        return core
    word_before = LAST_WORD.search(before)
    label = word_before.group(1).lower().rstrip(",") if word_before else ""
    if not cur:
        kind_end = _non_count(text, raw, value, decimal, start, end, before, nxt, label, core)
        if kind_end is not None:
            core.kind, core.end = kind_end
            return core
    # Scales: 11K, 1.5 million, $1.85bn, 2m people.
    sm = SCALE_AFTER.match(nxt)
    if sm:
        scale = sm.group("scale").lower()
        ok = True
        if scale == "m":
            after = NEXT_WORD.match(text, end + sm.end())
            ok = bool(cur) or bool(after and after.group(1).lower() in MILLION_NOUNS)
        elif scale == "b":
            ok = bool(cur)
        if ok:
            core.value = _scaled(raw, _SCALE_VALUE[scale.rstrip("s") if len(scale) > 3 else scale])
            end = core.end = end + sm.end()
            nxt = text[end : end + 40]
    elif EURO_THOUSANDS.fullmatch(raw) and not PERCENT_AFTER.match(nxt) and not UNIT_AFTER.match(nxt):
        core.value = float(raw.replace(".", ""))  # "5.200 people": European thousands
    if _share_or_money(core, nxt, end, allow_pc=True):
        return core
    if core.kind == "money":
        return core
    um = UNIT_AFTER.match(nxt)
    if um and (um.start("unit") == 0 or um.group("unit").lower() not in GLUED_ONLY_UNITS):
        core.kind, core.unit, core.end = "measure", um.group("unit").lower(), end + um.end()
        return core
    if nxt[:1].isalpha() or GLUED_LABEL.match(nxt):
        core.kind = "code"  # "9M54", "2S19", "3-point"
        return core
    if label in CODE_LABELS and (
        label in ("no", "no.", "nos", "number", "#") or word_before.group(1)[:1].isupper() or label in STRONG_LABELS
    ):
        core.kind = "code"
        return core
    if STREET_AFTER.match(nxt) or STREET_BEFORE.search(before):
        core.kind = "code"
        return core
    pl = PLUS_AFTER.match(nxt)
    if pl:
        core.end = end + pl.end()
        if pl.group(0).lower().endswith("so"):
            core.approximate = True
        else:
            core.low = core.value
    return core


def _non_count(
    text: str, raw: str, value: float, decimal: bool, start: int, end: int, before: str, nxt: str, label: str,
    core: _Core,
) -> tuple[str, int] | None:
    """(kind, end) for digits that are a year, time, date, ordinal or age; None for anything else."""
    if YEAR_DIGITS.fullmatch(raw):
        core.year_like = True
        if nxt[:1] == "s" and not nxt[1:2].isalpha():
            return "year", end + 1  # the 1990s
        if ISO_REST.match(nxt):
            return "date", end  # 2022-12-29
        word_after = NEXT_WORD.match(nxt)
        if (
            label in YEAR_PRECEDERS
            or not word_after
            or not word_after.group(1)[0].islower()
            or word_after.group(1).lower() in YEAR_FOLLOWERS
        ):
            return "year", end
    clock = CLOCK.match(nxt)
    if clock and value <= 24:
        tm = TIME_AFTER.match(text, end + clock.end())
        return "time", (tm.end() if tm else end + clock.end())
    tm = TIME_AFTER.match(nxt)
    if tm and value <= 24 and (not decimal or DOTTED_TIME.fullmatch(raw)):
        return "time", end + tm.end()
    om = ORDINAL_AFTER.match(nxt)
    if om:
        if 1 <= value <= 31 and DATE_AFTER.match(nxt):
            return "date", end + om.end()
        return "ordinal", end + om.end()
    if value.is_integer() and 1 <= value <= 31 and not decimal:
        if DATE_AFTER.match(nxt) or DATE_BEFORE.search(before):
            return "date", end
        if NUMERIC_DATE_REST.match(nxt):
            return "date", end  # 29.12.2022, 29/12/2022
    if SLASH_DIGIT.match(nxt):
        return "code", end  # 24/7, 162/2020
    am = AGE_AFTER.match(nxt) or YO_AFTER.match(nxt)
    if am:
        return "age", end + am.end()
    if label in ("aged", "ages") or AGE_BEFORE.search(before):
        return "age", end
    if value.is_integer() and 1 <= value <= 110 and AGE_APPOSITION_BEFORE.search(before) \
            and AGE_APPOSITION_AFTER.match(nxt):
        return "age", end
    return None


def _share_or_money(core: "_Core", nxt: str, end: int, allow_pc: bool) -> bool:
    """Mark a number followed by a percent sign or word, or by a currency, and say so.  "pc" after
    a number word ("three pc") is too rare to trust, so words take only the spelt-out forms."""
    pm = PERCENT_AFTER.match(nxt)
    if pm and (allow_pc or not pm.group(0).strip().lower().startswith("pc")):
        core.kind, core.unit, core.end = "percent", "percent", end + pm.end()
        return True
    cm = CURRENCY_AFTER.match(nxt)
    if cm:
        core.kind = "money"
        core.unit = CURRENCY_SUFFIX.get(_squash(cm.group("cur")), "USD")
        core.end = end + cm.end()
        return True
    return False


def _classify_word(text: str, m: re.Match) -> _Core | None:
    raw = m.group("word")
    value = words_value(raw)
    if value is None:
        return None
    start, end = m.start("word"), m.end("word")
    if raw.lower() in SCALES:
        return None  # a bare scale word ("thousand") is no number by itself
    if raw.lower() == "one" and (NOT_ONE_BEFORE.search(text, max(0, start - 8), start)
                                 or NOT_ONE_AFTER.match(text, end)):
        return None  # "no one", "one by one", "one another": no count
    core = _Core(start, end, value, "count", approximate=raw.lower().startswith("a "))  # "a dozen", "a hundred"
    nxt = text[end : end + 40]
    am = AGE_AFTER.match(nxt)
    if am:
        core.kind = "age"
        core.end = end + am.end()
        return core
    if _share_or_money(core, nxt, end, allow_pc=False):
        return core
    um = UNIT_AFTER.match(nxt)
    if um and um.start("unit") > 0 and um.group("unit").lower() not in GLUED_ONLY_UNITS:
        core.kind, core.unit, core.end = "measure", um.group("unit").lower(), end + um.end()
        return core
    if GLUED_LABEL.match(nxt):
        core.kind = "measure"  # "eight-month", "two-storey", "three-day": a compound adjective of measure
        return core
    if DATE_AFTER.match(nxt) and value <= 31:
        return None
    pl = PLUS_AFTER.match(nxt)
    if pl and "more" in pl.group(0).lower():
        core.end = end + pl.end()
        core.low = core.value
    return core


def _cores(text: str) -> list[_Core]:
    cores: list[_Core] = []
    for m in CORE.finditer(text):
        if cores and m.start() < cores[-1].end:
            continue  # inside the previous span ("1:00am", "06: 59 PM")
        if m.group("frac"):
            value = _FRACTIONS[_squash(m.group("frac"))]
            cores.append(_Core(m.start(), m.end(), round(value, 1), "percent", unit="percent"))
        elif m.group("numdate"):
            cores.append(_Core(m.start(), m.end(), None, "date"))  # 29.12.2022, 2022-12-29
        elif m.group("halfdozen"):
            cores.append(_Core(m.start(), m.end(), 6.0, "count", approximate=True))
        elif m.group("vague"):
            raw = _squash(m.group("vague"))
            key = raw[:-3] if raw.endswith(" of") else raw
            low, high = _VAGUE[key]
            cores.append(_Core(m.start(), m.end(), None, "count", low=float(low),
                               high=None if high is None else float(high), approximate=True, vague=True))
        elif m.group("dig"):
            cores.append(_classify_digits(text, m))
        elif m.group("word"):
            core = _classify_word(text, m)
            if core is not None:
                cores.append(core)
    return cores


def _merge_ranges(text: str, cores: list[_Core]) -> list[_Core]:
    """'between 20 and 30', '20 to 30', '20-30', 'two or three' -> one core with low and high."""
    out: list[_Core] = []
    i = 0
    while i < len(cores):
        a = cores[i]
        if i + 1 < len(cores):
            b = cores[i + 1]
            gap = text[a.end : b.start]
            jm = RANGE_JOIN.match(gap)
            if jm and a.value is not None and b.value is not None and not a.vague and not b.vague:
                join = gap.strip().lower()
                before = text[max(0, a.start - 12) : a.start]
                years = a.year_like and b.year_like and a.kind in ("year", "count") and b.kind in ("year", "count")
                if years and join in ("-", "–", "—", "to"):
                    out.append(_Core(a.start, b.end, None, "year", low=a.value, high=b.value))
                    i += 2
                    continue
                kinds_ok = a.kind in ("count", "percent", "money", "measure") and b.kind in (
                    "count", "percent", "money", "measure"
                )
                if a.kind == "measure" and b.kind != "measure":
                    kinds_ok = False
                between = bool(BETWEEN_BEFORE.search(before))
                join_ok = (
                    (join == "and" and between)
                    or (join in ("-", "–", "—") and a.digits and b.digits)
                    or (join == "to" and not FROM_BEFORE.search(before))
                    or (join == "or" and b.value - a.value <= max(2.0, a.value))
                )
                if kinds_ok and join_ok and a.value < b.value and a.low is None and a.high is None:
                    kind = b.kind if b.kind != "count" else a.kind
                    unit = b.unit or a.unit
                    # "20-30%", "$1-2bn", "2-3 million": what is written once after the second end covers both.
                    lo = a.value
                    lead = LEADING_DIGITS.match(text, b.start) if b.digits else None
                    if lead:
                        b_scale = b.value / float(lead.group(0).replace(",", "") or 1)
                        if b_scale > 1 and a.value * b_scale < b.value:
                            lo = a.value * b_scale
                    start = a.start - len(before) + before.lower().rfind("between") if between else a.start
                    out.append(_Core(start, b.end, None, kind, unit=unit, low=lo, high=b.value, approximate=False,
                                     digits=a.digits and b.digits))
                    i += 2
                    continue
                if (a.kind == "count" and a.digits and b.digits and join in ("-", "–")
                        and b.value <= a.value and not text[b.end:b.end + 1].isalpha()):
                    # "3-1", "2-0": a score or a label, not a range
                    a.kind = b.kind = "code"
        out.append(a)
        i += 1
    return out


def find_numbers(text: str) -> list[NumberSpan]:
    """Every number-like span in `text`, in order, with its kind and quantity."""
    spans: list[NumberSpan] = []
    for core in _merge_ranges(text, _cores(text)):
        start, end = core.start, core.end
        low, high, approximate = core.low, core.high, core.approximate
        value = core.value
        if core.kind in COUNT_KINDS:
            mm = MODIFIER_BEFORE.search(text, max(0, start - 24), start)
            if mm and not (mm.group("mod").lower() in ("over", "under", "some", "about", "around", "below", "above")
                           and core.vague):
                bound, hedge = MODIFIERS[_squash(mm.group("mod"))]
                start = mm.start("mod")
                approximate = approximate or hedge
                if value is not None:
                    if bound == "low":
                        low, high = value, None
                    elif bound == "high":
                        low, high = None, value
            if value is not None and low is None and high is None and not approximate:
                low = high = value
        spans.append(
            NumberSpan(Quantity(value, low, high, approximate, core.unit), start, end, text[start:end], core.kind,
                       core.vague)
        )
    return spans


def parse_quantity(text: str) -> Quantity | None:
    """The quantity of the first count, percent or money phrase in `text` ("more than 70,000" ->
    Quantity(70000, low=70000)); None when it holds none."""
    for span in find_numbers(text):
        if span.kind in COUNT_KINDS:
            return span.quantity
    return None
