"""When things happened: time expressions resolved against the time a text was written.

`resolve_dates(text, anchor)` finds every time expression and turns it into a calendar day or range;
`sentence_dates(text, anchor)` sorts a sentence's expressions into the date of the reported event, the
date of the statement that reports it and the span of a running count; `event_date` picks the event's.
The anchor is the entry's posted time, else the document's date; without one only dates that carry
their own year resolve.

A date governed by a word of saying dates the statement, not the happening: "the ministry said on
Monday that 63 soldiers were killed", "told Reuters on Tuesday", "said in a Telegram post late on
Monday", "On Monday, the ministry said ...", "Monday's statement".  Only the statement's setting may
stand between the word and its date; "that", a finite verb or an event word ("said that on Monday
missiles hit", "shelled Kherson on Monday, the governor said") gives the date to the event.  The
event then takes another date of the sentence, else the one its paragraph carries (`carries`), else
the anchor's day.

One compiled pattern does the finding (no dateparser: it is slower by orders of magnitude and reads
"Thursday" with no sense of past-tense news).  The rules:
- War news reports the past: a weekday, holiday or year-less date means the latest one on or before
  the anchor ("Thursday" on a Thursday is that day); a year-less date more than a day after the anchor
  rolls back a year ("26 December" written on 4 January is last year's), except a day just across
  New Year ("2 January" written on 29 December is the coming one).  Where its clause speaks of
  the future ("will", "is set to", "is due", "is expected", "scheduled", "plans to", "expects",
  "next", "tomorrow": `FUTURE`) it means the next one instead ("will hold a summit on 3 February" and
  "expects fighting to be fiercest in March", written on 4 January, are this year's).  The clause
  before the expression runs back to a punctuation mark or "but"; the one after it also ends at a
  conjunction ("was hit on Monday and engineers expect ..." stays in the past).
- "overnight", "last night", "during the night", "in the early hours": the night before the anchor's
  day, given as the two days it spans (the day before the anchor, the anchor's day), whatever the hour
  of posting: a night straddles two dates and the text does not say on which side of midnight.
- "today", "this morning", "tonight", "during the day": the anchor's day.  "in the past 24 hours": the
  day before and the anchor's day.  "the weekend": the last Saturday and Sunday on or before the anchor.
- Ranges: "last week" (Monday to Sunday before this week), "this week" / "earlier this week",
  "last month", "earlier this month", "in December", "early/mid/late January" (1-10, 11-20, 21-end),
  "in 2022", "since February 24" / "since the start of the invasion" (to the anchor's day),
  "from 10 to 16 December", "between X and Y".
- Numeric dates: "2022-12-29"; "29.12.2022" and "29/12/2022" are day first (Ukrainian and British
  style) unless the first number cannot be a month and the second can ("12/29/2022").
- Named days of this war: New Year's Eve / Day / night, Christmas (Eve, Day; Orthodox: 7 January),
  Victory Day (9 May), Independence Day (24 August, Ukraine's), the start of the full-scale invasion
  (24 February 2022).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sitroom.model import DateRef

__all__ = ["resolve_dates", "event_date", "sentence_dates", "SentenceDates", "period", "carries"]

MONTH_NUMBER = {
    name: i
    for i in range(1, 13)
    for name in (calendar.month_name[i].lower(), calendar.month_abbr[i].lower())
}
MONTH_NUMBER["sept"] = 9
WEEKDAY_NUMBER = {calendar.day_name[i].lower(): i for i in range(7)}
NUMBER_WORDS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve"
                                           .split())}
NUMBER_WORDS.update({"a": 1, "an": 1})

# Named days: phrase -> (month, day, days it lasts).
HOLIDAYS = {
    "new year's eve": (12, 31, 1),
    "new year's day": (1, 1, 1),
    "new year's night": (12, 31, 2),
    "christmas eve": (12, 24, 1),
    "christmas day": (12, 25, 1),
    "christmas": (12, 25, 1),
    "orthodox christmas": (1, 7, 1),
    "victory day": (5, 9, 1),
    "independence day": (8, 24, 1),
}
INVASION = date(2022, 2, 24)

_M = (r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
      r"jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)")
_MFULL = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
_D = r"(?:[12]\d|3[01]|0?[1-9])"
_ORD = r"(?:st|nd|rd|th)?"
_Y = r"(?:19|20)\d\d"
_WD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_N = r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an)"

PATTERN = re.compile(
    rf"""
    (?P<iso>\b{_Y}-[01]\d-[0-3]\d\b)
    |(?P<num>\b(?P<n1>[0-3]?\d)[./](?P<n2>[0-3]?\d)[./](?P<n3>{_Y}|\d\d)\b)
    |(?P<dayrange>\b(?P<r1>{_D}){_ORD}\s*(?:-|–|to|and|until|till)\s*(?P<r2>{_D}){_ORD}\s+(?:of\s+)?
        (?P<rm>{_M})\b\.?(?:,?\s+(?P<ry>{_Y})\b)?)
    |(?P<dm>\b(?P<dm_d>{_D}){_ORD}\s+(?:of\s+)?(?P<dm_m>{_M})\b\.?(?:,?\s+(?P<dm_y>{_Y})\b)?)
    |(?P<md>\b(?P<md_m>{_M})\.?\s+(?P<md_d>{_D}){_ORD}\b(?![,.]?\d)(?:,?\s+(?P<md_y>{_Y})\b)?)
    |(?P<part>\b(?P<pw>early|mid|late|(?:the\s+)?(?:end|beginning|start|middle)\s+of)[\s-]+(?P<pm>{_MFULL})\b
        (?:\s+(?P<py>{_Y})\b)?)
    |(?P<my>\b(?P<my_m>{_MFULL})\s+(?P<my_y>{_Y})\b)
    |(?P<bm>\b(?P<bm_p>in|since|during|by|until|till|through|throughout|from|last|this|next|of|early|late)\s+
        (?P<bm_m>{_MFULL})\b(?![,.]?\s*\d))
    |(?P<hol>\b(?:orthodox\s+christmas|christmas(?:\s+(?:eve|day))?|new\s+year['’]?s['’]?\s+(?:eve|day|night)|
        victory\s+day|independence\s+day)\b)
    |(?P<inv>\b(?:the\s+)?(?:start|beginning|first\s+day|outset|first\s+days)\s+of\s+(?:the\s+|russia['’]s\s+)?
        (?:full[\s-]scale\s+)?(?:russian\s+)?(?:invasion|war)\b)
    |(?P<ago>\b(?P<ago_n>{_N})\s+(?P<ago_u>days?|weeks?|months?|years?)\s+ago\b)
    |(?P<past>\b(?:in|over|during|for|within)\s+the\s+(?:past|last|previous)\s+
        (?:(?P<past_n>\d+|two|three|seven|ten)\s+)?(?P<past_u>hours|days|day|weeks|week|months|month|year)\b)
    |(?P<rel>\b(?:the\s+day\s+before\s+yesterday|yesterday|today|tonight|tomorrow|overnight|last\s+night|
        (?:this|yesterday|tomorrow)\s+(?:morning|afternoon|evening)|(?:earlier|later)\s+today|
        during\s+the\s+(?:night|day)|
        in\s+the\s+early\s+hours|(?:this|last|next)\s+(?:week|month|year|weekend)|earlier\s+this\s+(?:week|month|year)|
        (?:over|at|during|on)\s+the\s+weekend|the\s+weekend|in\s+recent\s+days)\b)
    |(?P<wd>\b(?:(?P<wd_p>last|this|next|on|early|late)\s+)?(?P<wd_d>{_WD})\b)
    |(?P<year>\b(?P<yp>in|since|during|throughout|until|by|early|late|mid|of)[\s-]+(?P<yy>{_Y})\b(?!\s*[-–/.]\s*\d))
    """,
    re.IGNORECASE | re.VERBOSE,
)
# Words of a clause about the future.  Only present-tense forms of expecting and planning: "expected to",
# "planned" and "scheduled" are the exception, as in "is expected to", "a planned visit".
FUTURE = re.compile(
    r"\b(?:will|shall|won['’]t|['’]ll|to\s+be\s+held|to\s+take\s+place|scheduled|(?:is|are)\s+set\s+to|"
    r"(?:plans?|planning|intends?|aims?|hopes?|going|vows?|promises?)\s+to|planned|expects?|expecting|"
    r"expected\s+to|(?:is|are|['’]s)\s+(?:expected|due)|anticipates?|predicts?|forecasts?|"
    r"due\s+to\s+(?:be|hold|meet|visit|arrive|start|begin)|next|upcoming|tomorrow)\b",
    re.IGNORECASE,
)
FUTURE_REACH = 100  # characters back to look for a word of the future in the clause before a date
# A year-less day this close after the anchor, across New Year, is the coming one.
NEW_YEAR_AHEAD = timedelta(days=10)
CLAUSE_BREAK = re.compile(r"[,;:.!?—–]|\bbut\b")
# After a time expression a clause also ends at a conjunction: "attacked on Monday and will attack again".
CLAUSE_BREAK_AFTER = re.compile(r"[,;:.!?—–]|\b(?:but|and|while|when|as|after|before)\b")
SINCE_BEFORE = re.compile(r"\bsince\s+(?:the\s+)?$", re.IGNORECASE)
# "since the invasion began in February", "since the beginning of the war on 24 February": the date
# marks when the war started, a period's start, not when the sentence's event happened.
SINCE_WAR_BEGAN = re.compile(
    r"\bsince\s+(?:[\w'’-]+\s+){0,5}?(?:invasion|invaded|war|began|begun|started|beginning|start|outbreak|escalation)"
    r"(?:\s+[\w'’-]+){0,3}?\s+(?:(?:in|on)\s+)?$",
    re.IGNORECASE,
)
RANGE_JOIN = re.compile(r"^\s*(?:to|until|till|through|-|–|and)\s*$", re.IGNORECASE)
RANGE_START = re.compile(r"\b(?:from|between)\s+(?:the\s+)?$", re.IGNORECASE)
WHITESPACE = re.compile(r"\s+")
NEW_YEAR = re.compile(r"new year'?s?'? ")
MONTH_GROUPS = ("rm", "dm_m", "md_m", "pm", "my_m", "bm_m")
NIGHT_WORDS = ("overnight", "last night", "during the night", "in the early hours")


def _day(anchor: datetime | date | None) -> date | None:
    if anchor is None:
        return None
    return anchor.date() if isinstance(anchor, datetime) else anchor


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _year_for(month: int, day: int, today: date, future: bool) -> int:
    """The year of a year-less day: the latest on or before the anchor (a day's slack), or the next;
    across New Year a day just ahead is the coming one, not one nearly a year back ("from January 2",
    written on 29 December)."""
    candidate = _safe(today.year, month, day) or date(today.year, month, min(day, 28))
    if future:
        return today.year + 1 if candidate < today - timedelta(days=1) else today.year
    if candidate > today + timedelta(days=1):
        return today.year - 1
    following = _safe(today.year + 1, month, day)
    if following is not None and following - today <= NEW_YEAR_AHEAD and today - candidate > timedelta(days=180):
        return today.year + 1
    return today.year


def _ref(start: date, end: date | None, text: str) -> DateRef:
    end = end or start
    return DateRef(start, max(start, end), text)


def _resolve(m: re.Match, today: date | None, future: bool) -> DateRef | None:
    g = m.groupdict()
    text = m.group(0)
    if g["iso"]:
        y, mo, d = (int(x) for x in g["iso"].split("-"))
        day = _safe(y, mo, d)
        return _ref(day, day, text) if day else None
    if g["num"]:
        a, b, y = int(g["n1"]), int(g["n2"]), int(g["n3"])
        y = y + 2000 if y < 100 else y
        day, month = (a, b) if b <= 12 else (b, a)  # day first unless it cannot be
        value = _safe(y, month, day)
        return _ref(value, value, text) if value else None
    if g["dayrange"]:
        month = MONTH_NUMBER[g["rm"].lower()]
        d1, d2 = int(g["r1"]), int(g["r2"])
        if d1 >= d2:
            return None
        year = int(g["ry"]) if g["ry"] else (_year_for(month, d2, today, future) if today else None)
        if year is None:
            return None
        start, end = _safe(year, month, d1), _safe(year, month, d2)
        return _ref(start, end, text) if start and end else None
    if g["dm"] or g["md"]:
        d = int(g["dm_d"] or g["md_d"])
        month = MONTH_NUMBER[(g["dm_m"] or g["md_m"]).lower()]
        year_text = g["dm_y"] or g["md_y"]
        year = int(year_text) if year_text else (_year_for(month, d, today, future) if today else None)
        if year is None:
            return None
        value = _safe(year, month, d)
        return _ref(value, value, text) if value else None
    if g["part"]:
        month = MONTH_NUMBER[g["pm"].lower()]
        which = g["pw"].lower().split()[-2] if " of" in g["pw"].lower() else g["pw"].lower()
        year = int(g["py"]) if g["py"] else (_month_year(month, today, future) if today else None)
        if year is None:
            return None
        last = calendar.monthrange(year, month)[1]
        first_day, last_day = {"early": (1, 10), "beginning": (1, 10), "start": (1, 10), "mid": (11, 20),
                               "middle": (11, 20), "late": (21, last), "end": (21, last)}[which]
        return _ref(date(year, month, first_day), date(year, month, last_day), text)
    if g["my"]:
        year, month = int(g["my_y"]), MONTH_NUMBER[g["my_m"].lower()]
        return _ref(date(year, month, 1), _month_end(year, month), text)
    if g["bm"]:
        if today is None:
            return None
        prep = g["bm_p"].lower()
        month = MONTH_NUMBER[g["bm_m"].lower()]
        if prep == "next":
            year = today.year + (1 if month <= today.month else 0)
        elif prep == "last":
            year = today.year - (1 if month >= today.month else 0)
        else:
            year = _month_year(month, today, future)
        return _ref(date(year, month, 1), _month_end(year, month), text)
    if g["hol"]:
        key = NEW_YEAR.sub("new year's ", WHITESPACE.sub(" ", g["hol"].lower().replace("’", "'")))
        if key not in HOLIDAYS or today is None:
            return None
        month, d, days = HOLIDAYS[key]
        year = _year_for(month, d, today, future)
        start = date(year, month, d)
        return _ref(start, start + timedelta(days=days - 1), text)
    if g["inv"]:
        return _ref(INVASION, INVASION, text)
    if today is None:
        if g["year"]:
            year = int(g["yy"])
            return _ref(date(year, 1, 1), date(year, 12, 31), text)
        return None
    if g["ago"]:
        n = g["ago_n"].lower()
        count = int(n) if n.isdigit() else NUMBER_WORDS.get(n, 1)
        unit = g["ago_u"].lower().rstrip("s")
        if unit == "day":
            value = today - timedelta(days=count)
        elif unit == "week":
            value = today - timedelta(weeks=count)
        elif unit == "month":
            value = _add_months(today, -count)
        else:
            value = _safe(today.year - count, today.month, min(today.day, 28)) or today
        return _ref(value, value, text)
    if g["past"]:
        n = (g["past_n"] or "").lower()
        count = int(n) if n.isdigit() else NUMBER_WORDS.get(n, 1)
        unit = g["past_u"].lower()
        if unit == "hours":
            days = max(1, -(-count // 24))
        elif unit.startswith("day"):
            days = count
        elif unit.startswith("week"):
            days = 7 * count
        elif unit.startswith("month"):
            days = 30 * count
        else:
            days = 365
        return _ref(today - timedelta(days=days), today, text)
    if g["rel"]:
        return _relative(WHITESPACE.sub(" ", g["rel"].lower()), today, future, text)
    if g["wd"]:
        return _weekday(g, today, future, text)
    if g["year"]:
        year = int(g["yy"])
        return _ref(date(year, 1, 1), date(year, 12, 31), text)
    return None


def _month_year(month: int, today: date, future: bool) -> int:
    if future:
        return today.year + (1 if month < today.month else 0)
    return today.year - (1 if month > today.month else 0)


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _relative(rel: str, today: date, future: bool, text: str) -> DateRef | None:
    if rel in NIGHT_WORDS:
        return _ref(today - timedelta(days=1), today, text)
    if rel in ("today", "tonight", "this morning", "this afternoon", "this evening", "earlier today", "later today",
               "during the day"):
        return _ref(today, today, text)
    if rel.startswith("yesterday"):
        return _ref(today - timedelta(days=1), None, text)
    if rel == "the day before yesterday":
        return _ref(today - timedelta(days=2), None, text)
    if rel.startswith("tomorrow"):
        return _ref(today + timedelta(days=1), None, text)
    monday = today - timedelta(days=today.weekday())
    if rel == "this week":
        return _ref(monday, today, text)
    if rel == "earlier this week":
        return _ref(monday, max(monday, today - timedelta(days=1)), text)
    if rel == "last week":
        return _ref(monday - timedelta(days=7), monday - timedelta(days=1), text)
    if rel == "next week":
        return _ref(monday + timedelta(days=7), monday + timedelta(days=13), text)
    first = today.replace(day=1)
    if rel == "this month":
        return _ref(first, today, text)
    if rel == "earlier this month":
        return _ref(first, max(first, today - timedelta(days=1)), text)
    if rel == "last month":
        previous = _add_months(first, -1)
        return _ref(previous, first - timedelta(days=1), text)
    if rel == "next month":
        following = _add_months(first, 1)
        return _ref(following, _month_end(following.year, following.month), text)
    if rel in ("this year", "earlier this year"):
        return _ref(date(today.year, 1, 1), today, text)
    if rel == "last year":
        return _ref(date(today.year - 1, 1, 1), date(today.year - 1, 12, 31), text)
    if rel == "next year":
        return _ref(date(today.year + 1, 1, 1), date(today.year + 1, 12, 31), text)
    if rel == "in recent days":
        return _ref(today - timedelta(days=7), today, text)
    if rel.endswith("weekend"):
        saturday = today - timedelta(days=(today.weekday() - 5) % 7)
        if rel == "next weekend" or (future and rel == "this weekend"):
            saturday = today + timedelta(days=(5 - today.weekday()) % 7 or 7)
        elif rel == "last weekend" and today.weekday() >= 5:
            saturday -= timedelta(days=7)
        end = saturday + timedelta(days=1)
        if not future and rel != "next weekend":
            end = min(end, today)
        return _ref(saturday, end, text)
    return None


def _weekday(g: dict, today: date, future: bool, text: str) -> DateRef | None:
    target = WEEKDAY_NUMBER[g["wd_d"].lower()]
    prefix = (g["wd_p"] or "").lower()
    back = (today.weekday() - target) % 7
    if prefix == "next" or (future and prefix in ("", "on", "this")):
        ahead = (target - today.weekday()) % 7
        if prefix == "next" and ahead == 0:
            ahead = 7
        return _ref(today + timedelta(days=ahead), None, text)
    if prefix == "last" and back == 0:
        back = 7
    return _ref(today - timedelta(days=back), None, text)


def _future(text: str, start: int, end: int) -> bool:
    """Whether the clause around a time expression speaks of the future ("will hold a summit on ...")."""
    before = CLAUSE_BREAK.split(text[max(0, start - FUTURE_REACH) : start])[-1]
    after = CLAUSE_BREAK_AFTER.split(text[end : end + 40])[0]
    return bool(FUTURE.search(before) or FUTURE.search(after))


def _find(text: str, anchor: datetime | date | None) -> list[tuple[DateRef, int, int]]:
    today = _day(anchor)
    found: list[tuple[DateRef, int, int]] = []
    for m in PATTERN.finditer(text):
        if any(m.group(name) in ("may", "march") for name in MONTH_GROUPS):
            continue  # lower-case "may" and "march" are verbs, not months
        ref = _resolve(m, today, _future(text, m.start(), m.end()))
        if ref is None:
            continue
        start = m.start()
        since = SINCE_BEFORE.search(text, max(0, start - 12), start) or SINCE_WAR_BEGAN.search(
            text, max(0, start - 70), start)
        own_since = bool(m.group("bm")) and m.group("bm_p").lower() == "since"
        if since and today is not None and ref.start <= today and not own_since:
            ref = DateRef(ref.start, today, text[since.start() : m.end()])
            start = since.start()
        elif m.group("bm") and m.group("bm_p").lower() == "since" and today is not None:
            ref = DateRef(ref.start, max(ref.start, today), ref.text)
        elif m.group("year") and m.group("yp").lower() == "since" and today is not None:
            ref = DateRef(ref.start, max(ref.start, today), ref.text)
        found.append((ref, start, m.end()))
    return _join_ranges(text, found)


def _join_ranges(text: str, found: list[tuple[DateRef, int, int]]) -> list[tuple[DateRef, int, int]]:
    """'from 24 February to 3 March', 'between Monday and Wednesday' -> one range."""
    out: list[tuple[DateRef, int, int]] = []
    i = 0
    while i < len(found):
        ref, start, end = found[i]
        if i + 1 < len(found):
            nxt, n_start, n_end = found[i + 1]
            opener = RANGE_START.search(text, max(0, start - 14), start)
            if opener and RANGE_JOIN.match(text[end:n_start]) and ref.start <= nxt.end:
                out.append((DateRef(ref.start, nxt.end, text[opener.start() : n_end]), opener.start(), n_end))
                i += 2
                continue
        out.append((ref, start, end))
        i += 1
    return out


def resolve_dates(text: str, anchor: datetime | date | None) -> list[DateRef]:
    """Every time expression in `text` as a calendar day or range, in order."""
    return [ref for ref, _, _ in _find(text, anchor)]


# Words of saying: a date governed by one dates the statement, not what it reports.  Verbs, and the
# nouns a statement comes in ("in its update on Wednesday", "Monday's statement").
SPEECH_VERBS = frozenset(
    "said says say told tells reported reports announced announces stated states wrote writes posted posts "
    "tweeted added adds claimed claims confirmed confirms blamed acknowledged acknowledges denied denies warned "
    "warns noted explained commented revealed published insisted accused declared briefed".split()
)
SPEECH = SPEECH_VERBS | frozenset(
    "briefing statement statements address update interview conference report speech remarks message "
    "post video telegram".split()
)
EVENT_CUE = re.compile(
    r"\b(?:kill\w*|died|dead|death\w*|wound\w*|injur\w*|strik\w*|struck|hit|attack\w*|shell\w*|bomb\w*|fired|"
    r"airstrik\w*|launch\w*|missiles?|drones?|rockets?|explo\w*|blast|destroy\w*|damag\w*|shot|downed|intercept\w*|captur\w*|"
    r"liberat\w*|evacuat\w*|raid\w*|fighting|clash\w*|battle\w*|offensive|assault\w*|ambush\w*|landed|crashed|"
    r"fell|exchange\w*|released|freed|occupied|seized|retook|advanced|withdr\w*|power\s+outages?|blackouts?)\b",
    re.IGNORECASE,
)
WORD = re.compile(r"[\w'’]+")
# Between a speech word and its date only the setting of the statement may stand ("told Reuters
# on Tuesday", "said in a Telegram post late on Monday"); a finite verb or "that" opens what was said.
CLAUSE_OPENERS = frozenset(
    "that was were is are be been being had has have will would could can may might did does do "
    "and but while when as after before because whether if".split()
)
# Words next to a date that only place it ("late on Monday", "early this morning").
DATE_FILLERS = frozenset("on in at late early by during of this last".split())
# Before a date that modifies the noun after it: "the 26 December attack", "a Monday strike".
MODIFIER_DETERMINERS = frozenset("the a an this that".split())
PASSIVE = frozenset("was were been being is are be".split())
SETTING_WORDS = 8  # the most words of setting between a speech word and its date
AFTER_WORDS = 6  # the most words between a fronted date and the speech verb it goes with
_STOPS = re.compile(r"[;:.!?—–\"“”]")


def _words_back(text: str, start: int) -> list[str]:
    """The words before `start` back to a clause stop, nearest first."""
    chunk = text[max(0, start - 120) : start]
    stop = None
    for stop in _STOPS.finditer(chunk):
        pass
    if stop is not None:
        chunk = chunk[stop.end() :]
    return [w.lower() for w in reversed(WORD.findall(chunk))]


def _speech_tied(text: str, start: int, end: int) -> bool:
    """Whether a time expression dates the act of saying ("said on Monday that ...", "told Reuters
    on Tuesday", "On Monday, the ministry said", "Monday's statement") rather than the event."""
    after = text[end : end + 80]
    if after[:2] in ("'s", "’s"):
        # "Monday's statement" dates the statement; "Monday's strike" the strike.
        following = [w.lower() for w in WORD.findall(after[2:])[:2]]
        if following and following[0] in SPEECH:
            return True
        if any(EVENT_CUE.fullmatch(w) for w in following):
            return False
    following = WORD.findall(after[:30])[:2]
    before = WORD.findall(text[max(0, start - 12) : start])[-1:]
    if before and before[0].lower() in MODIFIER_DETERMINERS and following and \
            not after[: after.find(following[0])].strip() and any(EVENT_CUE.fullmatch(w) for w in following):
        return False  # "claimed responsibility for the 26 December attack": the attack's date
    back = _words_back(text, start)
    while back and back[0] in DATE_FILLERS:
        back.pop(0)
    for index, word in enumerate(back[:SETTING_WORDS]):
        if word in SPEECH:
            passive = word == "reported" and index + 1 < len(back) and back[index + 1] in PASSIVE
            return not passive  # "explosions were reported on Monday": the explosions' date
        if word in CLAUSE_OPENERS or EVENT_CUE.fullmatch(word):
            return False  # the date is inside what was said, or dates the event word before it
    # Nothing before it decides: a date opening its clause goes with the verb that follows
    # ("On Monday, Russia's defence ministry said ..."; "The ministry on Monday said ...").
    stop = _STOPS.search(after)
    ahead = [w.lower() for w in WORD.findall(after[: stop.start()] if stop else after)]
    for word in ahead[:AFTER_WORDS]:
        if word in SPEECH_VERBS:
            return True
        if word in CLAUSE_OPENERS or EVENT_CUE.fullmatch(word):
            return False
    return False


# "since the start of the invasion", "from February 24": the span a running count covers, which
# dates a toll (see `period`) but not one event ("the heaviest attack since the invasion began").
PERIOD_START = re.compile(r"^(?:ever |at least |all )?(?:since|from the (?:start|beginning|time|outset))\b", re.I)


CARRY_MAX_DAYS = 7  # the longest span a date may have and still date the sentences after it


def _is_period(ref: DateRef) -> bool:
    return bool(PERIOD_START.match(ref.text)) and ref.end > ref.start


def period(text: str, anchor: datetime | date | None) -> DateRef | None:
    """The span a running count covers ("since February 24" -> 24 Feb to the anchor's day), or None."""
    return sentence_dates(text, anchor).period


@dataclass(frozen=True)
class SentenceDates:
    """What the time expressions of one sentence date, each None where the sentence does not say."""

    event: DateRef | None  # the reported event ("killed ... on New Year's Eve")
    said: DateRef | None  # the act of saying ("the ministry said on Monday")
    period: DateRef | None  # the span a running count covers ("since February 24")


def sentence_dates(text: str, anchor: datetime | date | None) -> SentenceDates:
    """The sentence's event date (the time expression nearest after an event word, one before it
    counting double, not tied to the act of saying), its statement date and its period."""
    own: list[tuple[DateRef, int, int]] = []
    said = span = None
    for ref, start, end in _find(text, anchor):
        if _is_period(ref):
            span = span or ref
        elif _speech_tied(text, start, end):
            said = said or ref
        else:
            own.append((ref, start, end))
    return SentenceDates(_nearest_event(text, own), said, span)


def _nearest_event(text: str, found: list[tuple[DateRef, int, int]]) -> DateRef | None:
    if not found:
        return None
    cues = [(m.start(), m.end()) for m in EVENT_CUE.finditer(text)]
    if not cues:
        return found[0][0]

    def distance(item: tuple[DateRef, int, int]) -> int:
        # A time expression dates the verb before it ("killed ... on New Year's Eve"); one before a verb
        # counts double unless it opens the sentence ("On Monday, Russia launched ...").
        _, start, end = item
        fronted = not text[:start].strip(" \t\"“'‘-•")
        return min(start - c_end if c_end <= start else (c_start - end) * (1 if fronted else 2)
                   for c_start, c_end in cues)

    return min(found, key=lambda item: (distance(item), item[1]))[0]


def event_date(text: str, anchor: datetime | date | None, carried: DateRef | None = None) -> DateRef | None:
    """The date of the event a sentence reports (`sentence_dates`); where the sentence gives none of
    its own (a date of saying is none: "said on Monday that 63 were killed" does not put the deaths
    on Monday), the date `carried` from the paragraph's earlier sentences, else the anchor's day
    with empty text; None without either."""
    found = sentence_dates(text, anchor).event
    if found is not None:
        return found
    if carried is not None:
        return carried
    today = _day(anchor)
    return DateRef(today, today, "") if today is not None else None


def carries(ref: DateRef | None, anchor: datetime | date | None) -> bool:
    """Whether a sentence's own event date goes on to date the dateless sentences after it in its
    paragraph ("Russia shelled Kherson on Monday. Three people were killed."): a day or a few, not a
    month or a year ("In 2014 Russia annexed Crimea. Its troops hold ..."), and not in the future."""
    if ref is None or not ref.text or (ref.end - ref.start).days > CARRY_MAX_DAYS:
        return False
    today = _day(anchor)
    return today is None or ref.start <= today
