"""Figures: numbers that count something in the war, with what they count and how they relate.

`find_figures(sentence)` reads one sentence.  It finds the numbers (`numbers.find_numbers`), keeps the
counts, shares and sums of money, and gives each one a measure only where the words around it say
what is counted: the noun it counts ("three people", "18 airstrikes", "1,116 civilian bodies") and
the verb that happens to it, before it ("killing two", "shot down 54") or after it ("were killed",
"remain").  A number with no such words is no figure: false figures are worse than missing ones.

Rules for relations, one each:
- "54 of the 69 missiles were shot down": 54 takes the verb, 69 is the total; when the part was shot
  down or hit, a total of missiles or drones is what was launched.
- "89 killed, up from 63" / "up from the 63 it announced" / "revised from an earlier figure of 63" /
  "raising the toll from 63 to 89": 63 is the `previous` value of 89 and no figure of its own;
  "previously / initially ... 63" is a previous value only when the sentence also gives a new figure of
  the same measure, else it is the sentence's own figure.
- "6,884 civilians killed and 10,847 injured": a number with no noun of its own takes the group (or
  item) of the figure just before it, unless its verb happens only to people and that figure counted
  things ("fired 2,800 shells, killing four": four people).
- "killed three and wounded eight civilians": two verbs share the object written once, so the bare
  number takes its group.  "Two children and a woman were injured": a number and a single person
  before one verb share it (the woman keeps her own group, civilians, as in `GROUP_OF`).
- "including three children", "among them", "of whom": a part of the figure before it, with that
  figure's measure unless it has its own; its `text` starts with the cue word (see `is_part`), so that
  totals do not count it twice (`total`).
- "a 14-year-old boy was killed", "Ukrainian soldier killed": one person, counted only for casualty
  measures (killed, injured, missing, captured, bodies found).
Not figures: years, dates, times, ages, calibres, model names, addresses, ordinals, distances,
durations; shares other than of people who left, stayed or lost power and of things damaged or shot
down; money other than aid; and numbers in clauses of what might happen ("could kill", "to avoid the
death of").

Figure.text is the number and its noun ("more than 70,000 people"); start/end are offsets in the
sentence.  The bounds follow `numbers`: exact numbers have low = high = value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sitroom.model import Figure

from .numbers import COUNT_KINDS, NumberSpan, find_numbers

__all__ = ["MEASURES", "GROUPS", "find_figures", "is_part", "total"]

# --- What figures count: the one table of measures ------------------------------------------------

MEASURES: dict[str, str] = {
    "killed": "people killed or dead",
    "injured": "people injured, wounded or hospitalised",
    "casualties": "people killed and injured together, as one unsplit number (casualties, losses, victims)",
    "missing": "people missing",
    "captured": "people taken prisoner, detained or abducted; prisoners of war held",
    "exchanged": "prisoners or bodies handed over, released or returned, as in an exchange",
    "deported": "people forcibly deported or transferred",
    "bodies_found": "bodies found, recovered or exhumed",
    "rescued": "people rescued alive",
    "evacuated": "people evacuated or who left a place (a count or a share)",
    "remaining": "people still in a place",
    "displaced": "people displaced, who fled, refugees",
    "mobilised": "people called up or mobilised",
    "troops": "troops deployed, massed, stationed or training",
    "launched": "missiles, drones or projectiles launched or fired",
    "intercepted": "missiles, drones or aircraft shot down, intercepted or destroyed by air defence",
    "hit": "missiles or drones that hit their targets",
    "strikes": "strikes, airstrikes, attacks or shelling incidents (item says which)",
    "clashes": "ground combat engagements, assaults, attacks repelled",
    "destroyed": "military equipment, vehicles, aircraft or ships destroyed or damaged",
    "damaged": "buildings, homes or infrastructure damaged or destroyed",
    "without_power": "households or consumers without power, or the share of a place without it",
    "aid": "money pledged or given as aid (unit: currency code)",
    "weapons": "weapons or equipment delivered, pledged or bought (item says which)",
    "ceasefire_violations": "ceasefire violations recorded",
    "war_crimes": "alleged war crimes recorded or under investigation",
}

# Who is counted: word -> group.  Singular forms count one person where an article or a headline's
# bare noun stands for the number.
_GROUP_WORDS = {
    "civilians": "civilian civilians resident residents inhabitant inhabitants villager villagers local locals "
    "pensioner pensioners passenger passengers worker workers employee employees farmer farmers driver drivers "
    "woman women citizen citizens volunteer volunteers student students teacher teachers shopper shoppers "
    "elderly civilian protester protesters demonstrator demonstrators activist activists miner miners convict convicts "
    "inmate inmates",
    "children": "child children kid kids boy boys girl girls teenager teenagers teen teens minor minors baby babies "
    "infant infants toddler toddlers newborn newborns schoolchild schoolchildren schoolboy schoolboys schoolgirl "
    "schoolgirls youngster youngsters son sons daughter daughters",
    "soldiers": "soldier soldiers serviceman servicemen servicewoman servicewomen servicemember servicemembers "
    "personnel troops militiaman militiamen militia militias militant militants fighter fighters paratrooper "
    "paratroopers marine marines conscript conscripts reservist reservists recruit recruits mercenary mercenaries "
    "guardsman guardsmen sapper sappers pilot pilots commander commanders officer officers colonel colonels "
    "general generals sergeant sergeants lieutenant lieutenants major majors separatist separatists rebel rebels "
    "insurgent insurgents occupier occupiers invader invaders defender defenders wagnerite wagnerites gunman gunmen "
    "combatant combatants infantrymen sailor sailors crew crewmen airman airmen assailant assailants "
    "attacker attackers saboteur saboteurs guard guards guardsmen military servicemembers warlord forces",
    "police": "police policeman policemen policewoman cop cops",
    "medics": "medic medics doctor doctors nurse nurses paramedic paramedics",
    "journalists": "journalist journalists reporter reporters correspondent correspondents cameraman cameramen "
    "photographer photographers photojournalist photojournalists",
    "rescuers": "rescuer rescuers firefighter firefighters deminer deminers",
    "prisoners": "pow pows prisoner prisoners hostage hostages captive captives detainee detainees",
    "people": "people person persons individual individuals man men others other official officials ukrainians "
    "russians foreigners nationals mother mothers father fathers husband wife brother sister grandmother "
    "grandfather family families victim brothers sisters parents couple member members relatives",
}
GROUPS: tuple[str, ...] = tuple(_GROUP_WORDS)
GROUP_OF: dict[str, str] = {w: g for g, words in _GROUP_WORDS.items() for w in words.split()}
# The order in which a noun phrase's groups win: the most specific first.
_GROUP_RANK = {g: i for i, g in enumerate(["children", "medics", "journalists", "police", "rescuers", "prisoners",
                                           "soldiers", "civilians", "people"])}
# Adjectives that name a group: "civilian bodies", "military personnel".
GROUP_ADJECTIVES = {"civilian": "civilians", "military": "soldiers", "police": "police", "medical": "medics",
                    "child": "children", "peaceful": "civilians", "army": "soldiers", "enemy": "soldiers"}
SINGULAR_PEOPLE = frozenset(
    "civilian resident inhabitant villager pensioner passenger worker employee farmer driver woman citizen volunteer "
    "student teacher child kid boy girl teenager teen minor baby infant toddler newborn schoolboy schoolgirl "
    "youngster son daughter soldier serviceman servicewoman servicemember militiaman militant fighter paratrooper "
    "marine conscript reservist mercenary guardsman sapper pilot commander officer colonel sergeant lieutenant "
    "separatist rebel insurgent occupier invader defender gunman combatant sailor policeman policewoman medic "
    "doctor nurse paramedic journalist reporter correspondent cameraman photographer photojournalist rescuer "
    "firefighter deminer person man official mother father husband wife brother sister grandmother grandfather "
    "prisoner hostage detainee militia protester demonstrator activist miner convict inmate assailant attacker "
    "saboteur guard warlord victim".split()
)

# Casualty nouns carry their measure: "6,884 civilian deaths", "89 lives".
CASUALTY_NOUNS = {
    "deaths": "killed", "death": "killed", "dead": "killed", "fatalities": "killed", "fatality": "killed",
    "lives": "killed", "kia": "killed", "kia's": "killed", "kias": "killed", "wia's": "injured", "wias": "injured",
    "injuries": "injured", "injured": "injured", "wounded": "injured",
    "wia": "injured", "casualties": "casualties", "casualty": "casualties", "victims": "casualties",
    "losses": "casualties", "bodies": "bodies_found", "body": "bodies_found", "corpses": "bodies_found",
    "remains": "bodies_found", "missing": "missing", "pows": "captured", "pow": "captured", "hostages": "captured",
    "captives": "captured", "refugees": "displaced", "idps": "displaced", "evacuees": "evacuated",
    "violations": "ceasefire_violations", "crimes": "war_crimes", "clashes": "clashes", "engagements": "clashes",
    "battles": "clashes", "assaults": "clashes", "firefights": "clashes",
}

# What things are counted: word -> (class, canonical plural).  Classes decide what a verb means:
# aerial things shot down are intercepted; equipment destroyed is destroyed; buildings are damaged.
_ITEM_WORDS = {
    "aerial": "missile:missiles rocket:rockets drone:drones uav:UAVs uavs:UAVs shahed:Shaheds shaheds:Shaheds "
    "projectile:projectiles bomb:bombs shell:shells munition:munitions kamikaze:drones warhead:warheads "
    "target:targets",
    "aircraft": "aircraft:aircraft plane:planes planes:planes jet:jets jets:jets helicopter:helicopters "
    "warplane:warplanes bomber:bombers",
    "equipment": "tank:tanks vehicle:vehicles apc:APCs apcs:APCs ifv:IFVs ifvs:IFVs howitzer:howitzers gun:guns "
    "launcher:launchers system:systems radar:radars unit:units piece:pieces ship:ships boat:boats vessel:vessels "
    "warship:warships truck:trucks depot:depots weapon:weapons weapons:weapons equipment:equipment mlrs:MLRS "
    "artillery:artillery himars:HIMARS",
    "building": "building:buildings house:houses home:homes apartment:apartments flat:flats school:schools "
    "hospital:hospitals facility:facilities facilities:facilities object:objects plant:plants substation:substations "
    "car:cars shop:shops business:businesses church:churches kindergarten:kindergartens enterprise:enterprises "
    "structure:structures high-rise:high-rises dwelling:dwellings premise:premises premises:premises "
    "station:stations",
    "power": "household:households consumer:consumers customer:customers subscriber:subscribers",
}
ITEM_OF: dict[str, tuple[str, str]] = {}
for _cls, _words in _ITEM_WORDS.items():
    for _pair in _words.split():
        _singular, _plural = _pair.split(":")
        ITEM_OF[_singular] = (_cls, _plural)
        ITEM_OF[_plural.lower()] = (_cls, _plural)
# Strikes counted as events: "7 missile strikes", "18 airstrikes", "85+ MLRS attacks".
STRIKE_NOUNS = {"strikes": "strikes", "strike": "strikes", "airstrikes": "airstrikes", "airstrike": "airstrikes",
                "attacks": "attacks", "attack": "attacks", "shellings": "shellings", "shelling": "shellings",
                "bombardments": "bombardments", "raids": "raids", "sorties": "sorties", "hits": "hits",
                "explosions": "explosions", "times": "times"}
# Names of weapons written out in an item: "attacks from multiple-launch rocket systems" -> "MLRS attacks".
WEAPON_NAMES = {"multiple-launch rocket systems": "MLRS", "multiple launch rocket systems": "MLRS",
                "multiple-launch rocket system": "MLRS", "multiple launch rocket system": "MLRS",
                "multiple rocket launchers": "MLRS", "multiple rocket launcher": "MLRS", "mlrs": "MLRS",
                "rocket launchers": "MLRS", "rocket launcher": "MLRS", "rocket-launcher": "MLRS",
                "artillery": "artillery", "mortars": "mortar", "tanks": "tank", "aviation": "air",
                "drones": "drone", "missiles": "missile", "grad": "Grad", "himars": "HIMARS"}
WEAPONS_LONGEST = tuple(sorted(WEAPON_NAMES, key=len, reverse=True))
# Words that make an item more precise when written just before its noun: "cruise missiles".
ITEM_MODIFIERS = frozenset(
    "cruise ballistic guided hypersonic kamikaze attack strike reconnaissance combat armoured armored "
    "anti-aircraft air-launched sea-launched sea-based ground-launched anti-ship missile rocket drone air "
    "artillery mlrs mortar tank naval residential apartment private multi-storey high-rise energy power "
    "infrastructure loitering glide aerial unmanned".split()
)
NOT_ITEM_MODIFIERS = frozenset(
    "russian ukrainian russia ukraine iranian iran belarusian enemy hostile more other additional new further "
    "various different several the of and western american german french british polish".split()
)

# Words that may stand between a number and its noun.
NP_MODIFIERS = frozenset(
    "more other others additional further another civilian military russian ukrainian enemy hostile local elderly "
    "young "
    "old innocent peaceful unarmed alleged combat-ready air sea-based cruise ballistic guided anti-aircraft kamikaze "
    "attack strike reconnaissance armoured armored heavy light new modern advanced unmanned aerial suspected "
    "confirmed reported estimated total separate different various individual "
    "seriously severely critically lightly slightly badly service security border national special police medical "
    "residential apartment private multi-storey high-rise energy power infrastructure critical missile rocket drone "
    "artillery mlrs mortar tank naval foreign volunteer pro-russian pro-kremlin pro-ukrainian regular ordinary "
    "shahed iranian-made russian-made western-made soviet-era soviet newly freshly war fellow ceasefire truce "
    "loitering glide anti-ship air-launched sea-launched ground-launched mobilised mobilized multiple-launch "
    "rocket-propelled field regional city municipal family elite surface-to-air long-range short-range "
    "medium-range high-precision precision-guided combat army air-defence air-defense defence defense "
    "aviation rescue emergency emergencies enemy's russia's ukraine's occupation occupying dpr lpr government "
    "pro-government state kiev kyiv more multiple multiple-launch".split()
)
# Casualty adjectives inside a noun phrase: "12 wounded soldiers", "1,100 dead civilians".
CASUALTY_ADJECTIVES = {"dead": "killed", "killed": "killed", "wounded": "injured", "injured": "injured",
                       "missing": "missing", "captured": "captured", "displaced": "displaced",
                       "evacuated": "evacuated", "mobilised": "mobilised", "mobilized": "mobilised"}

# Verbs: word -> class.  A class and the class of the counted noun give the measure (`_measure`).
_VERB_WORDS = {
    "KILL": "killed kill kills killing died die dies dying perished perish murdered executed slain "
    "massacred",
    "INJURE": "injured injure injures injuring wounded wound wounds wounding hurt hospitalised hospitalized "
    "maimed",
    "MISSING": "missing",
    "CAPTURE": "captured capture captures capturing detained detain detains abducted kidnapped surrendered",
    "FREE": "released release releases releasing freed free frees exchanged exchange exchanges swapped "
    "returned return returns returning repatriated",
    "DEPORT": "deported deport deporting",
    "FIND": "found find finds discovered recovered exhumed unearthed retrieved",
    "EVACUATE": "evacuated evacuate evacuates evacuating",
    "RESCUE": "rescued rescue rescues saved saving save saves",
    "REMAIN": "remain remains remained remaining stay stayed staying",
    "DISPLACE": "displaced fled flee flees fleeing",
    "MOBILISE": "mobilised mobilized mobilise mobilize drafted conscripted",
    "DEPLOY": "deployed deploy deploys deploying stationed massed amassed amassing concentrated training "
    "train trained gathering",
    "LAUNCH": "launched launch launches launching fired fire fires firing attacked",
    "INTERCEPT": "intercepted intercept intercepts intercepting downed",
    "DESTROY": "destroyed destroy destroys destroying eliminated eliminate eliminates eliminating neutralised "
    "neutralized neutralise neutralize liquidated liquidate disabled",
    "DAMAGE": "damaged damage damages damaging",
    "HIT": "hit hits struck",
    "DELIVER": "delivered deliver delivers delivering supplied supply supplies provided provide provides "
    "sent send sends sending pledged pledge pledges promised donated donate transferred transfer gave give "
    "gives purchased purchase bought buy ordered allocated allocate allocates allocating approved announced granted "
    "authorized authorised authorizing authorising",
    "REPEL": "repelled repel repels repulsed",
    "LOSE": "lost lose loses losing",
}
VERB_OF: dict[str, str] = {w: c for c, words in _VERB_WORDS.items() for w in words.split()}
# Verbs before a number that decide its measure outright; weak ones yield to a verb after the noun.
WEAK_LEFT = frozenset({"LOSE", "REMAIN", "FIND", "HIT", "DEPLOY", "DAMAGE"})

# Auxiliaries and adverbs that may stand between a noun phrase and its verb.
AUX = frozenset(
    "was were is are been be being have has had also reportedly allegedly later still all both each then now "
    "officially confirmed reported believed feared thought said to presumed likely probably already "
    "subsequently eventually initially just apparently seriously severely critically lightly slightly badly "
    "fatally mortally known documented gone understood since".split()
)
# Words after which a verb no longer speaks of the number before them.
RIGHT_STOPS = frozenset(
    "says told tell according but while when because although though after before since ; : — – ? ! . whereas "
    "however meanwhile unless whether if as".split()
)
# Words between a verb and its number ("killed a total of 12", "wounding another three"); the number's own
# hedges ("at least", "up to") are part of its span already.
LEFT_FILLERS = frozenset(
    "a an total of another the some all additional further more only also reportedly allegedly +".split()
)
ED_ADJECTIVES = frozenset(
    "occupied de-occupied armed unmanned guided based named so-called self-proclaimed controlled located united "
    "allied reported confirmed believed feared thought alleged suspected estimated liberated annexed "
    "russian-occupied russian-controlled ukrainian-controlled held russian-held ukrainian-held besieged "
    "embattled shelled bombed targeted affected related".split()
)
PART_CUES = ("including", "incl.", "among them", "among whom", "of whom", "of them", "among those", "among the")
PREVIOUS_CUES = frozenset("previously earlier initially previous earlier-reported originally".split())
# Words between "from" and an earlier value: "up from the 63", "from an earlier figure of 63".
PREVIOUS_FILLERS = frozenset(
    "the a an its their his her earlier previous previously initial initially original originally first "
    "reported announced official officially confirmed figure toll count tally estimate number total death "
    "casualty of".split()
)
CHANGE_WORDS = frozenset(
    "rose risen rise rises rising raised raising raise increased increase increases increasing climbed climbs "
    "climbing jumped grew grown revised revises revising updated up went mounted soared fell dropped down "
    "reduced lowered bringing brought pushing pushed".split()
)
TOLL_MEASURE = {"death": "killed", "casualty": "casualties", "injury": "injured", "dead": "killed"}
POWER_CONTEXT = re.compile(
    r"\b(?:without\s+(?:power|electricity|light|heat(?:ing)?)|blackouts?|outages?|power\s+cuts?|de-?energi[sz]ed|"
    r"(?:lost|cut|knocked\s+out|restored)\s+(?:off\s+)?(?:the\s+)?(?:power|electricity)|(?:power|electricity)\s+"
    r"(?:was\s+|has\s+been\s+)?(?:cut|knocked\s+out|lost|restored)|disconnected|no\s+(?:power|electricity))\b",
    re.IGNORECASE,
)
QUICK = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|"
    r"dozens?|hundreds|thousands|millions|scores|half|third|quarter|another)\b|\b(?:killed|died|dead|dies|wounded|"
    r"injured|missing|captured|body|kills)\b",
    re.IGNORECASE,
)
TOKEN = re.compile(r"[^\W\d_]+(?:['’\-.][^\W\d_]+)*|\d+|[^\w\s]", re.UNICODE)
# Symbols kept as tokens; others (emoji, flags, bullets) are dropped so they split no phrase.
PUNCTUATION = frozenset(",.;:!?()[]-–—/+&\"“”'‘’%$€£#")
GLUED_SOURCE = re.compile(r"(killed|dead|died|wounded|injured|missing)-(?=[A-Z])")
CODE_PREFIX = re.compile(r"[A-Za-z]+[\-‑]?$")


@dataclass(slots=True)
class _Tok:
    text: str
    low: str
    start: int
    end: int
    cap: bool
    span: NumberSpan | None = None


@dataclass(slots=True)
class _NP:
    """What follows a number: its noun and what that noun says."""

    head: int | None = None  # token index of the noun
    end: int = 0  # token index after the noun phrase
    group: str | None = None
    cls: str | None = None  # people | casualty | aerial | aircraft | equipment | building | power | strike
    item: str | None = None
    measure: str | None = None  # from a casualty noun or adjective
    partitive: int | None = None  # token index of the total in "54 of the 69"
    pronoun_part: bool = False  # "of them", "of which"
    bare: bool = False  # no noun: "killing two", "18 killed"


@dataclass(slots=True)
class _Cand:
    tok: int
    value: float | None
    low: float | None
    high: float | None
    start: int
    end: int
    unit: str | None
    kind: str
    np: _NP = field(default_factory=_NP)
    measure: str | None = None
    verb_right: bool = False
    part: bool = False
    part_cue: str = ""
    previous_of: bool = False  # a previous value to attach, not a figure
    previous_cue: bool = False
    previous: float | None = None
    single: bool = False  # "a boy", "soldier killed": one person
    left: str | None = None  # the class of the verb just before the number
    inside: "_Cand | None" = None  # the figure whose subject this number sits in, set off by commas
    of_casualty: bool = False  # after "the bodies of", "the deaths of"


# --- Tokens -------------------------------------------------------------------------------------------


def _tokens(sentence: str, spans: list[NumberSpan]) -> list[_Tok]:
    toks: list[_Tok] = []
    pos = 0
    for span in spans:
        start = span.start
        if span.kind == "code":
            # glue the letters of a model name to its digits: "S-300", "AMX-10"
            prefix = CODE_PREFIX.search(sentence, max(pos, start - 12), start)
            if prefix:
                start = prefix.start()
        _words(sentence, pos, start, toks)
        toks.append(_Tok(sentence[start : span.end], span.text.lower(), start, span.end, False, span))
        pos = span.end
    _words(sentence, pos, len(sentence), toks)
    return toks


def _words(sentence: str, pos: int, end: int, toks: list[_Tok]) -> None:
    for m in TOKEN.finditer(sentence, pos, end):
        word = m.group()
        if not (word[0].isalnum() or word in PUNCTUATION):
            continue
        glued = GLUED_SOURCE.match(word)
        if glued:  # "eight dead-Interfax": a headline's source glued to its last word
            cut = m.start() + glued.end(1)
            toks.append(_Tok(glued.group(1), glued.group(1).lower(), m.start(), cut, False))
            toks.append(_Tok("-", "-", cut, cut + 1, False))
            toks.append(_Tok(word[glued.end(1) + 1 :], word[glued.end(1) + 1 :].lower(), cut + 1, m.end(), True))
            continue
        toks.append(_Tok(word, word.lower(), m.start(), m.end(), word[0].isupper()))


def _is_count(tok: _Tok) -> bool:
    return tok.span is not None and tok.span.kind in COUNT_KINDS


def _skippable_number(tok: _Tok) -> bool:
    return tok.span is not None and tok.span.kind in ("code", "age", "measure", "ordinal")


# --- Noun phrases -------------------------------------------------------------------------------------


def _head_info(toks: list[_Tok], j: int, np: _NP) -> bool:
    """Fill `np` from the noun at token j; False when j is no noun this module knows."""
    w = toks[j].low
    nxt = toks[j + 1].low if j + 1 < len(toks) else ""
    if w in CASUALTY_NOUNS:
        if w == "remains" and nxt != "of":
            return False  # "remains in the city"
        np.measure = CASUALTY_NOUNS[w]
        np.cls = "casualty"
        np.group = GROUP_OF.get(w) if w in ("pows", "pow", "hostages", "captives") else None
        if w.startswith(("kia", "wia")):
            np.group = "soldiers"  # killed / wounded in action
        return True
    if w in STRIKE_NOUNS:
        np.cls = "strike"
        np.item = STRIKE_NOUNS[w]
        return True
    if w in GROUP_OF:
        if w in ("fighter", "fighters") and nxt in ("jets", "jet", "planes", "aircraft"):
            return False
        if nxt in ("'", "’", "'s", "’s"):
            return False  # a possessive: "invaders' vehicles"
        if w == "military" and not (nxt in VERB_OF or nxt in CASUALTY_ADJECTIVES or nxt in BE):
            return False  # "Ten Kiev military killed", but not "military equipment"
        np.group = "police" if w in ("officer", "officers") and j and toks[j - 1].low == "police" else GROUP_OF[w]
        np.cls = "people"
        return True
    if w in ITEM_OF:
        np.cls, np.item = ITEM_OF[w]
        return True
    return False


def _is_noun(w: str) -> bool:
    return w in GROUP_OF or w in CASUALTY_NOUNS or w in ITEM_OF or w in STRIKE_NOUNS


def _is_modifier(tok: _Tok, j: int) -> bool:
    w = tok.low
    if w in NP_MODIFIERS or w in GROUP_ADJECTIVES:
        return True
    if w in VERB_OF or w in AUX or w in BARE_FOLLOWERS:
        return False
    if tok.cap and j != 0:
        return True  # "Russian", "DPR", "Shahed", and the words of a title-case headline
    return "-" in w and w[0].isalpha() and not w.endswith("-old")


def _noun_phrase(toks: list[_Tok], k: int, value: float | None) -> _NP:
    """The noun a number at token k counts, scanning a few modifiers to the right."""
    np = _NP(end=k + 1)
    n = len(toks)
    j = k + 1
    mods: list[int] = []
    adj_group: str | None = None
    while j < n and j - k <= 7:
        tok = toks[j]
        w = tok.low
        if w in QUOTES or (w in ("'s", "’s") and j > k + 1):
            j += 1
            continue
        if tok.span is not None:
            if _skippable_number(tok):
                mods.append(j)
                j += 1
                continue
            break
        nxt = toks[j + 1].low if j + 1 < n else ""
        if w in CASUALTY_ADJECTIVES and w not in ("missing",):
            noun_follows = nxt in GROUP_OF or nxt in NP_MODIFIERS or nxt in GROUP_ADJECTIVES or nxt == "bodies"
            if noun_follows and nxt not in AUX:
                np.measure = np.measure or CASUALTY_ADJECTIVES[w]  # "12 wounded soldiers", "1,100 dead civilians"
                mods.append(j)
                j += 1
                continue
            break  # "18 killed", "12 wounded": a verb, read by _right_verb
        after_and = toks[j + 2].low if j + 2 < n else ""
        if w in GROUP_ADJECTIVES and nxt not in CASUALTY_ADJECTIVES and (
            _is_noun(nxt) or nxt in NP_MODIFIERS or nxt in GROUP_ADJECTIVES
            or (nxt == "and" and after_and in GROUP_ADJECTIVES)
        ):
            # "civilian bodies", "military personnel"; "military and civilian" together: people
            adj_group = GROUP_ADJECTIVES[w] if adj_group in (None, GROUP_ADJECTIVES[w]) else "people"
            mods.append(j)
            j += 1
            continue
        # A singular noun used as a modifier: "missile strikes", "drone attacks", "security service colonels".
        if (w in ITEM_OF or w in STRIKE_NOUNS or w in ITEM_MODIFIERS) and w not in PLURAL_HEADS and (
            _is_noun(nxt) or nxt in ITEM_MODIFIERS or nxt in NP_MODIFIERS
        ) and nxt not in CASUALTY_ADJECTIVES:
            mods.append(j)
            j += 1
            continue
        if w in GROUP_OF and nxt in GROUP_OF and nxt not in CASUALTY_ADJECTIVES and w not in ("people", "others", "men",
                                                                                                 "women"):
            mods.append(j)  # a noun before a noun: "family members", "police officers", "border guards"
            j += 1
            continue
        if _head_info(toks, j, np):
            np.head = j
            break
        if _is_modifier(tok, j):
            mods.append(j)
            j += 1
            continue
        if w == "and" and mods and nxt in NP_MODIFIERS:
            j += 1  # "air and sea-based cruise missiles"
            continue
        break
    if np.head is None:
        stop = toks[j] if j < n else None
        if stop is not None and stop.low == "of" and j == k + 1:
            return _partitive(toks, k, j, value, np)
        # A number with no noun stands for people or things only before a verb, a preposition or punctuation.
        only_others = all(toks[m].low in ("other", "others", "more", "additional", "further") or toks[m].low in AUX
                          for m in mods)
        if only_others and (stop is None or not stop.low[0].isalpha() or stop.low in VERB_OF or stop.low in AUX
                            or stop.low in BARE_FOLLOWERS or stop.low in CASUALTY_ADJECTIVES):
            np.bare = True
            np.end = (mods[-1] + 1) if mods else k + 1
            if any(toks[m].low == "others" for m in mods):
                np.group = "people"
        elif len(mods) == 1 and toks[mods[0]].low in DEMONYMS and stop is not None and (
            stop.low in CASUALTY_ADJECTIVES or stop.low in VERB_OF or stop.low in BE
        ):
            np.head, np.end, np.cls, np.group = mods[0], mods[0] + 1, "people", "people"  # "One Ukrainian killed"
        return np
    np.end = np.head + 1
    if adj_group and np.cls in ("people", "casualty") and _rank(adj_group) < _rank(np.group):
        np.group = adj_group
    if np.head + 1 < n and toks[np.head + 1].low in ("of", "from", "by", "with", "using"):
        _noun_complement(toks, np)
    if np.cls == "strike" and np.head > k + 1 and _weapon_before(toks, mods, np):
        pass  # "85 multiple rocket launcher attacks" -> "MLRS attacks"
    elif np.cls in THING_CLASSES and np.head > k + 1 and np.item not in ("units", "pieces"):
        before = toks[np.head - 1]
        if (before.low in ITEM_MODIFIERS or (before.cap and before.low not in NOT_ITEM_MODIFIERS)
                or (before.span is not None and before.span.kind == "code")):
            np.item = f"{before.text if before.cap or before.span else before.low} {np.item}"
    elif np.item in ("units", "pieces") and mods:
        named = [m for m in mods if toks[m].cap or toks[m].span is not None]
        if named:  # "10 AMX-10 RC units"
            np.item = " ".join(toks[m].text for m in named)
    return np


# Nationality adjectives that stand for one person after a number: "One Ukrainian killed".
DEMONYMS = frozenset("ukrainian russian belarusian georgian american british briton canadian german french polish "
                     "moldovan chechen".split())
QUOTES = frozenset({'"', "“", "”", "'", "‘", "’"})
PLURAL_HEADS = frozenset("strikes attacks systems vehicles units missiles drones rockets shells tanks".split())
THING_CLASSES = frozenset({"aerial", "aircraft", "equipment", "building", "strike", "power"})
# What may follow a number that stands alone for people or things ("killing nine despite the truce").
BARE_FOLLOWERS = frozenset(
    "in at on near as and after during when while including from by over across around amid with following "
    "because due since this last yesterday today overnight or , . ; : — – - ) ( were was are is have has had "
    "more despite ahead against inside outside throughout under within into for to between before".split()
)


def _weapon_before(toks: list[_Tok], mods: list[int], np: _NP) -> bool:
    """Name a strike by the weapon written before its noun ("rocket launcher attacks" -> "MLRS attacks")."""
    phrase = " ".join(toks[m].low for m in mods if m < np.head)
    for name in WEAPONS_LONGEST:
        if phrase == name or phrase.endswith(" " + name):
            np.item = f"{WEAPON_NAMES[name]} {np.item}"
            return True
    return False


def _rank(group: str | None) -> int:
    return _GROUP_RANK.get(group, 99) if group else 100


def _noun_complement(toks: list[_Tok], np: _NP) -> None:
    """'units of equipment' -> item; 'bodies of civilians' -> group; 'attacks from MLRS' -> item."""
    n = len(toks)
    head = toks[np.head].low
    prep = toks[np.head + 1].low
    j = np.head + 2
    words: list[int] = []
    while j < n and len(words) < 6 and toks[j].span is None:
        w = toks[j].low
        if w in ("the", "a", "an") and not words:
            j += 1
            continue
        if _is_noun(w) or w in NP_MODIFIERS or w in ITEM_MODIFIERS or toks[j].cap or "-" in w \
                or w in ("rocket", "systems", "launch", "arms", "and"):
            words.append(j)
            j += 1
            continue
        break
    while words and toks[words[-1]].low == "and":
        words.pop()
    if not words:
        return
    last = toks[words[-1]].low
    if prep == "of" and np.cls == "casualty" and last in GROUP_OF:
        np.group = GROUP_OF[last]  # "bodies of civilians"
        np.end = words[-1] + 1
    elif prep == "of" and head in ("units", "unit", "pieces", "piece"):
        kept = [i for i in words if toks[i].low not in NOT_ITEM_MODIFIERS]
        np.item = " ".join(toks[i].text if toks[i].cap else toks[i].low for i in kept) or np.item
        np.cls = ITEM_OF[last][0] if last in ITEM_OF else "equipment"
        np.end = words[-1] + 1
    elif np.cls == "strike" and prep in ("from", "by", "with", "using"):
        phrase = " ".join(toks[i].low for i in words)
        for name, short in WEAPON_NAMES.items():
            if name in phrase:
                np.item = f"{short} {np.item}"  # "attacks from multiple-launch rocket systems" -> "MLRS attacks"
                np.end = words[-1] + 1
                break


def _partitive(toks: list[_Tok], k: int, j: int, value: float | None, np: _NP) -> _NP:
    """'54 of the 69 missiles', 'three of them', 'one of the soldiers', '90 percent of residents'."""
    n = len(toks)
    i = j + 1
    if i < n and toks[i].low in ("the", "these", "those", "its", "their", "all"):
        i += 1
    if i < n and toks[i].low in ("them", "whom", "which", "those", "these", "us"):
        np.pronoun_part = True
        np.end = i + 1
        return np
    if i < n and _is_count(toks[i]):
        inner = _noun_phrase(toks, i, toks[i].span.quantity.value)
        inner.partitive = i
        return inner
    inner = _NP(end=k + 1)
    m = i
    while m < n and m - i < 5:
        if _head_info(toks, m, inner):
            if inner.cls in ("people", "aerial", "aircraft", "equipment", "casualty", "building", "power"):
                inner.head = m
                inner.end = m + 1
                return inner
            break
        if _is_modifier(toks[m], m):
            m += 1
            continue
        break
    return np


# --- Verbs --------------------------------------------------------------------------------------------


def _verb_class(toks: list[_Tok], j: int) -> tuple[str | None, int]:
    """The verb class at token j (multiword verbs included) and the index after it."""
    w = toks[j].low
    n = len(toks)
    nxt = toks[j + 1].low if j + 1 < n else ""
    if w in ("shot", "shoot", "shoots", "shooting", "brought", "taken", "took", "gunned"):
        if nxt == "down":
            return ("KILL" if w == "gunned" else "INTERCEPT"), j + 2
        if w == "shot":
            return ("KILL" if nxt == "dead" else "INJURE"), j + (2 if nxt == "dead" else 1)
        if w in ("taken", "took") and nxt in ("prisoner", "captive", "hostage"):
            return "CAPTURE", j + 2
        return None, j + 1
    if w in ("lost", "lose") and nxt in ("their", "his", "her", "lives", "life"):
        return "KILL", j + (2 if nxt == "lives" else 3)
    if w == "left" and nxt in ("the", "their", "home", "homes", "his", "her"):
        after = toks[j + 2].low if j + 2 < n else ""
        if nxt in ("home", "homes") or after in PLACE_NOUNS:
            return "EVACUATE", j + 2
        return None, j + 1
    if w == "left" and _place_name(toks, j + 1):
        return "EVACUATE", j + 2  # "70,000 residents have left Bakhmut"
    if w == "still":
        if nxt in STILL_REMAIN:
            return "REMAIN", j + 2  # "8,700 people still live there", "are still living"
        if nxt == "in":
            m = j + 3 if j + 2 < n and toks[j + 2].low in ("the", "a") else j + 2
            if m < n and (toks[m].low in PLACE_NOUNS or _place_name(toks, m)):
                return "REMAIN", j + 1  # "are still in the town"; from "in", so that "in captivity" is read too
    if w in ("without", "no") and nxt in ("power", "electricity", "light", "heating", "heat"):
        return "POWER", j + 2
    if w in ("called", "call") and nxt == "up":
        return "MOBILISE", j + 2
    if w == "in" and nxt == "captivity":
        return "CAPTURE", j + 2
    if w in ("kia", "wia"):
        return ("KILL" if w == "kia" else "INJURE"), j + 1  # "one serviceman KIA"
    cls = VERB_OF.get(w)
    if cls is None and w in CASUALTY_ADJECTIVES:
        cls = {"killed": "KILL", "injured": "INJURE", "dead": "KILL", "missing": "MISSING"}.get(w)
    if cls in ("KILL", "INJURE") and nxt in ("and", "or") and j + 2 < n:
        other = toks[j + 2].low
        other_cls = VERB_OF.get(other) or ("KILL" if other == "dead" else None)
        if other_cls in ("KILL", "INJURE") and other_cls != cls:
            return "CASUALTIES", j + 3  # "killed and wounded": one unsplit number
    if cls == "FIND" and nxt == "dead":
        return "KILL", j + 2
    return cls, j + 1


PLACE_NOUNS = frozenset("city town village region area country homes home oblast settlement district".split())
# What follows "still" when people stay where they are; "still in" needs a place after it ("still in
# hospital" counts the injured, not those who stayed).
STILL_REMAIN = frozenset("live lives living there here inside".split())


def _place_name(toks: list[_Tok], j: int) -> bool:
    """A capitalised name at token j that may be a place ("left Bakhmut"), not a weekday or month."""
    return j < len(toks) and toks[j].cap and toks[j].span is None and toks[j].low not in NOT_OBJECTS
# Words that are nouns as often as verbs: verbs only after an auxiliary ("were released", not "the release").
NOUN_LIKE_VERBS = frozenset(
    "fire fires release return free supply damage wound wounds train transfer purchase exchange capture launch "
    "launches remains attack hit hits strike".split()
)


def _has_object(toks: list[_Tok], j: int) -> bool:
    """An active verb with an object after it ("soldiers killed three civilians"): the number before it
    is the one who acts, not the one it happens to."""
    n = len(toks)
    while j < n and (toks[j].low in ("also", "reportedly", "allegedly", "least")
                     or (toks[j].low == "at" and j + 1 < n and toks[j + 1].low == "least")):
        j += 1  # "killed at least three", but not "killed at Donetsk airport"
    if j >= n:
        return False
    tok = toks[j]
    if _is_count(tok) or tok.low in OBJECT_STARTS or tok.low in GROUP_OF:
        return True
    w = tok.low
    return w[0].isalpha() and not (w in NOT_OBJECTS or w in PREPOSITIONS or w in BARE_FOLLOWERS or w in AUX
                                   or w in RIGHT_STOPS or w in VERB_OF or w in CASUALTY_ADJECTIVES)


FINITE_AUX = frozenset("was were is are have has had".split())
OBJECT_STARTS = frozenset("a an the him her them his their its several many dozens hundreds some".split())
NOT_OBJECTS = frozenset(
    "yesterday today overnight tonight earlier later last this so far as after before when while amid despite "
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august "
    "september october november december morning evening night afternoon there here instantly immediately "
    "outright nearby".split()
)


def _skip_parenthetical(toks: list[_Tok], j: int) -> int:
    """Past 'including three children' / 'among them two medics' inside a subject."""
    n = len(toks)
    j += 1
    while j < n and (_is_count(toks[j]) or _is_modifier(toks[j], j) or _is_noun(toks[j].low)
                     or toks[j].low in ("and", "a", "an", "two", "them", "whom")):
        j += 1
    return j


def _apposition_end(toks: list[_Tok], j: int) -> int | None:
    """The index after ', one of them a volunteer,': a number set off by commas inside a subject."""
    n = len(toks)
    if j < n and toks[j].low in FINITE_AUX:
        return None  # "70,000 residents, have now left the city,": the predicate, no aside
    for m in range(j + 1, min(n, j + 10)):
        w = toks[m].low
        if w == ",":
            return m + 1
        if _is_count(toks[m]) or (w in BE and toks[m - 1].low != "to"):
            return None  # a verb of its own: no aside ("reported to be" may stand in one)
        if w in RIGHT_STOPS or (w in VERB_OF and w not in CASUALTY_ADJECTIVES and toks[m - 1].low not in ("be",)):
            return None
    return None


def _right_verb(toks: list[_Tok], start: int, limit: int = 18) -> tuple[str | None, bool, int]:
    """The first verb class after a noun phrase, whether a passive auxiliary came before it, and where.

    Between the noun phrase and its verb only these may stand: auxiliaries and adverbs ("have been
    reportedly"), prepositional phrases ("in the Donetsk region"), appositions set off by commas, a
    relative pronoun before an auxiliary ("who were"), and coordinated nouns ("and their parents").
    Anything else is another verb, and what follows it is about something else."""
    n = len(toks)
    j = start
    passive = False
    in_pp = 0  # words read inside a prepositional phrase
    steps = 0
    bare_comma = False  # a comma passed that closes no aside
    while j < n and steps < limit:
        tok = toks[j]
        w = tok.low
        nxt = toks[j + 1].low if j + 1 < n else ""
        steps += 1
        if w in REPORTING and nxt in ("to", "as"):
            j += 2  # "said to have been killed", "reported as killed"
            in_pp = 0
            continue
        if w in RIGHT_STOPS:
            break
        if tok.span is not None:
            if _is_count(tok):
                break
            j += 1
            continue
        if w in QUOTES or w == ")":
            j += 1
            continue
        if w == "(":
            close = next((m for m in range(j + 1, min(n, j + 12)) if toks[m].low == ")"), None)
            j = close + 1 if close is not None else j + 1  # "(elderly woman)"
            continue
        if w in ("including", "incl.") or (w == "among" and nxt in ("them", "whom")):
            j = _skip_parenthetical(toks, j)
            continue
        if w == "among" and nxt in ("those", "the"):
            j += 2  # "are among those killed"
            in_pp = 0
            continue
        if w == ",":
            close = _apposition_end(toks, j + 1) if j + 1 < n and (_is_count(toks[j + 1]) or not in_pp) else None
            # "two people, one of them a volunteer, were killed"; "4 million people, mostly women, fled"
            j = close if close is not None else j + 1
            in_pp = 1 if close is None and nxt in GROUP_OF else 0  # "Child, man killed": a list of nouns
            bare_comma = bare_comma or close is None
            continue
        if len(w) > 3 and w.endswith("ly") and not tok.cap and w not in ("family", "italy", "rally"):
            j += 1  # an adverb: "completely destroyed"
            continue
        if w in ("and", "or"):
            if _is_count(toks[j + 1]) if j + 1 < n else True:
                break  # another number
            if nxt in ("a", "an", "another") or (nxt in VERB_OF and nxt not in CASUALTY_ADJECTIVES):
                break  # another verb phrase with its own object
            j += 1
            in_pp = 1  # "and their parents": a coordinated noun, read like a phrase
            continue
        if not (in_pp and tok.cap):  # capitalised words inside a phrase are names: "Commission on Missing Persons"
            cls, after = _verb_class(toks, j)
            if cls is not None:
                if cls == "HIT" or (cls == "LAUNCH" and w == "attacked"):
                    return cls, passive, j  # "four missiles hit a barracks": what hits is what is counted
                if w in NOUN_LIKE_VERBS and not passive:
                    if in_pp:
                        j += 1
                        continue
                    break
                if cls == "REMAIN":
                    # "remain missing", "remain without power", "remain in captivity": the stronger word wins
                    for m in range(after, min(n, after + 3)):
                        c2, _ = _verb_class(toks, m)
                        if c2 in ("MISSING", "POWER", "CAPTURE", "KILL", "INJURE"):
                            return c2, True, m
                if not passive and cls not in INTRANSITIVE and w not in INTRANSITIVE_WORDS and _has_object(toks, after):
                    if bare_comma:
                        break  # "fires 2,800 shells, kills four": a new clause, whose subject is not the number
                    return "AGENT", False, j  # "soldiers killed three civilians": the number acts
                return cls, passive, j
        if w in AUX:
            passive = passive or w in BE
            in_pp = 0
            j += 1
            continue
        if w in ("who", "that", "which"):
            if nxt in AUX or (nxt in VERB_OF and not toks[j + 1].cap):
                j += 1
                in_pp = 0
                continue
            # "missiles that Russia launched": the number is the object of another subject's verb
            for m in range(j + 2, min(n, j + 5)):
                cls, _ = _verb_class(toks, m)
                if cls in OBJECT_RELATIVE:
                    return cls, True, m
                if toks[m].low in RIGHT_STOPS or _is_count(toks[m]):
                    break
            break
        if w in PREPOSITIONS:
            in_pp = 1
            j += 1
            continue
        if w == "as" and nxt == "a" and j + 2 < n and toks[j + 2].low == "result":
            in_pp = 1
            j += 3
            continue
        if in_pp and in_pp <= 6 and not (
            w.endswith(("ed", "ing")) and w not in ED_ADJECTIVES and not tok.cap and w not in NP_MODIFIERS
            and w not in ING_NOUNS
        ):
            in_pp += 1
            j += 1
            continue
        break
    return None, False, j


REPORTING = frozenset("said reported believed thought feared known expected understood documented confirmed listed "
                      "registered".split())
PREPOSITIONS = frozenset(
    "in at on near from of by during inside outside across throughout around amid with within into onto over "
    "under behind along off via".split()
)
INTRANSITIVE_WORDS = frozenset("dead died die dies dying perished perish missing".split())
OBJECT_RELATIVE = frozenset({"KILL", "LAUNCH", "INTERCEPT", "DESTROY", "DAMAGE", "CAPTURE", "FREE", "DEPORT",
                             "EVACUATE", "DELIVER", "INJURE"})
INTRANSITIVE = frozenset({"REMAIN", "POWER", "MISSING", "DISPLACE", "EVACUATE"})  # their object is a place
BE = frozenset("was were is are been be being".split())
ING_NOUNS = frozenset(
    "during including following according morning evening building buildings shelling shellings fighting "
    "bombing bombings hundred hospital".split()
)


def _left_verb(toks: list[_Tok], k: int) -> str | None:
    """The class of a verb just before a number ("killing two", "shot down 54", "Russia launched 69")."""
    j = k - 1
    while j >= 0 and k - j <= 4 and toks[j].low in LEFT_FILLERS:
        j -= 1
    if j < 0:
        return None
    w = toks[j].low
    if w == "down" and j >= 1 and toks[j - 1].low in ("shot", "shoot", "shoots", "shooting", "brought", "gunned"):
        return "KILL" if toks[j - 1].low == "gunned" else "INTERCEPT"
    if w == "with":
        return "WITH"
    if w in ("left", "leaves", "leaving", "leave"):
        return "LEFT"  # "left 2 militiamen dead": the verb after the noun says what
    cls = VERB_OF.get(w)
    if cls is None or w in NOUN_LIKE_VERBS or cls in ("REMAIN", "MISSING"):
        return None
    if w.endswith("ed") and j >= 1 and toks[j - 1].low in BE:
        return None  # "were killed 3 ..." is no active verb on the number
    return cls


def _measure(verb: str | None, np: _NP, kind: str) -> str | None:
    """The measure a verb class gives to what a noun phrase counts (None where the pair means nothing)."""
    cls = np.cls
    if verb is None:
        return None
    if cls == "strike":
        if verb == "REPEL":
            return "clashes"
        return "strikes" if verb in ("LAUNCH", "DELIVER", "HIT") else None
    people = cls in ("people", "casualty") or (cls is None and np.bare)
    if verb in PEOPLE_VERBS:
        return PEOPLE_VERBS[verb] if people else None
    if verb == "CAPTURE":
        return "captured" if people or cls in ("equipment", "aircraft") else None
    if verb == "FREE":
        if cls == "casualty" and np.measure in ("bodies_found", "captured"):
            return "exchanged"
        return "exchanged" if cls == "people" or np.bare else None
    if verb == "FIND":
        return "bodies_found" if np.measure in ("bodies_found", "killed") else None
    if verb in ("EVACUATE", "DISPLACE"):
        return PEOPLE_VERBS.get(verb, verb.lower() + "d") if people or kind == "percent" else None
    if verb == "REMAIN":
        return "remaining" if cls == "people" or (kind == "percent" and cls is None) else None
    if verb == "DEPLOY":
        return "troops" if np.group == "soldiers" and cls == "people" else None
    if verb in ("LAUNCH", "WITH"):
        return "launched" if cls == "aerial" else None
    if verb == "INTERCEPT":
        return "intercepted" if cls in ("aerial", "aircraft") or np.bare else None
    if verb == "DESTROY":
        if cls == "people":
            return "killed"  # Russian and Ukrainian military reports "destroy" soldiers
        return {"aerial": "intercepted", "aircraft": "destroyed", "equipment": "destroyed",
                "building": "damaged"}.get(cls or "")
    if verb == "DAMAGE":
        return {"aircraft": "destroyed", "equipment": "destroyed", "building": "damaged"}.get(cls or "")
    if verb == "HIT":
        return {"aerial": "hit", "building": "damaged"}.get(cls or "")
    if verb == "DELIVER":
        if cls in ("aerial", "aircraft", "equipment"):
            return "weapons"
        return "troops" if cls == "people" and np.group == "soldiers" else None
    if verb == "POWER":
        return "without_power" if cls in ("power", "people", "building") or kind == "percent" else None
    if verb == "LOSE":
        if cls == "people" and np.group == "soldiers":
            return "casualties"
        return "destroyed" if cls in ("equipment", "aircraft") else None
    return None


PEOPLE_VERB_CLASSES = frozenset({"KILL", "INJURE", "CASUALTIES", "MISSING"})  # what happens to people only
PEOPLE_VERBS = {"KILL": "killed", "INJURE": "injured", "CASUALTIES": "casualties", "MISSING": "missing",
                "DEPORT": "deported", "RESCUE": "rescued", "MOBILISE": "mobilised", "EVACUATE": "evacuated",
                "DISPLACE": "displaced"}


def _noun_default(np: _NP, toks: list[_Tok]) -> str | None:
    """The measure a noun gives with no verb: casualty nouns, strikes, troops."""
    if np.cls == "casualty" and np.measure:
        return np.measure
    if np.cls == "strike" and np.item not in ("times", "explosions", "hits"):
        return "strikes"
    if np.cls == "people" and np.head is not None and toks[np.head].low == "troops":
        return "troops"
    return None


def _toll(toks: list[_Tok], k: int) -> str | None:
    """'the death toll rose to 89', 'a toll of 89', 'the number of dead reached 89'."""
    j = k - 1
    while j >= 0 and toks[j].low in LEFT_FILLERS:
        j -= 1
    if j < 0 or toks[j].low not in TOLL_LINKS:
        return None
    for m in range(j - 1, max(-1, j - 20), -1):
        w = toks[m].low
        if w in ("toll", "tolls"):
            return TOLL_MEASURE.get(toks[m - 1].low if m else "", "killed")
        if w == "number" and m + 2 < len(toks) and toks[m + 1].low == "of":
            for q in range(m + 2, min(len(toks), m + 6)):
                word = toks[q].low
                if CASUALTY_NOUNS.get(word) in ("killed", "injured", "casualties", "missing"):
                    return CASUALTY_NOUNS[word]
                vc, _ = _verb_class(toks, q)
                if vc in PEOPLE_VERBS and vc in ("KILL", "INJURE", "MISSING"):
                    return PEOPLE_VERBS[vc]
        if _is_count(toks[m]):
            return None
    return None


TOLL_LINKS = frozenset("to at of reached reaches hit hits is was now stands stood topped tops exceeded exceeds passed "
                       "passes surpassed".split())


# --- Figures ------------------------------------------------------------------------------------------


def find_figures(sentence: str) -> list[Figure]:
    """Every figure one sentence states, in order."""
    if not QUICK.search(sentence):
        return []
    spans = find_numbers(sentence)
    toks = _tokens(sentence, spans)
    cands = [
        _Cand(k, t.span.quantity.value, t.span.quantity.low, t.span.quantity.high, t.span.start, t.span.end,
              t.span.quantity.unit, t.span.kind)
        for k, t in enumerate(toks)
        if _is_count(t)
    ]
    cands.extend(_single_people(toks))
    if not cands:
        return []
    cands.sort(key=lambda c: c.tok)
    last: _Cand | None = None
    for c in cands:
        _read(toks, c, last, sentence)
        if c.measure is not None:
            last = c
    _relate(toks, cands)
    out: list[Figure] = []
    for c in cands:
        if c.measure is None or c.previous_of:
            continue
        if c.inside is not None and c.inside.kind == c.kind and c.inside.measure == c.measure:
            continue  # "two people, one a volunteer, were killed": counted in the two
        end = c.end
        if c.np.head is not None and c.np.end > c.tok:
            end = max(end, toks[c.np.end - 1].end)
        elif c.np.bare and c.np.end > c.tok + 1:
            end = max(end, toks[c.np.end - 1].end)
        start = c.start
        if c.part_cue:
            cue_at = sentence.lower().rfind(c.part_cue, 0, start)
            if cue_at >= 0:
                start = cue_at
        people = c.np.cls in ("people", "casualty") or c.np.cls is None
        out.append(
            Figure(
                measure=c.measure,
                value=c.value,
                low=c.low,
                high=c.high,
                group=c.np.group if people else None,
                item=None if people else c.np.item,
                text=sentence[start:end],
                start=start,
                end=end,
                unit=c.unit,
                previous=c.previous,
            )
        )
    return out


def _single_people(toks: list[_Tok]) -> list[_Cand]:
    """'a 14-year-old boy', 'the teenager', 'another', 'Ukrainian soldier killed': one person."""
    out: list[_Cand] = []
    n = len(toks)
    for j, tok in enumerate(toks):
        w = tok.low
        if w == "another":
            if j + 1 < n and toks[j + 1].low in ("wounded", "injured", "killed", "dead", "died", "missing"):
                out.append(_Cand(j, 1.0, 1.0, 1.0, tok.start, tok.end, None, "count", single=True))
            continue
        if w in ("dead", "wounded", "injured") and j >= 2 and toks[j - 1].low == "a" and \
                toks[j - 2].low in ("is", "was") and (j + 1 >= n or not toks[j + 1].low[0].isalpha()
                                                     or toks[j + 1].low in ("and", "in", "after")):
            # "there is a dead", "there is a wounded": one person, so translated from Ukrainian
            out.append(_Cand(j, 1.0, 1.0, 1.0, toks[j - 1].start, tok.end, None, "count", single=True))
            continue
        if w not in SINGULAR_PEOPLE and w != "body":
            continue
        nxt = toks[j + 1].low if j + 1 < n else ""
        if nxt in ("'s", "’s", "’", "'") or nxt in SINGULAR_PEOPLE:
            continue  # a possessive, or a noun used as a modifier: "civilian resident"
        if w in ADJECTIVE_NOUNS and nxt and nxt[0].isalpha() and not (
            nxt in VERB_OF or nxt in AUX or nxt in BARE_FOLLOWERS or nxt in CASUALTY_ADJECTIVES or nxt in PREPOSITIONS
        ):
            continue  # an adjective: "a civilian plane", "a volunteer battalion"
        i = j - 1  # back over modifiers and ages to the determiner
        while i >= 0 and j - i <= 4 and toks[i].low not in SINGLE_DETERMINERS and (
            toks[i].low in NP_MODIFIERS or toks[i].low in GROUP_ADJECTIVES or toks[i].low in CASUALTY_ADJECTIVES
            or toks[i].low in SINGULAR_PEOPLE
            or (toks[i].span is not None and toks[i].span.kind == "age")
            or (toks[i].cap and toks[i].span is None)
        ):
            i -= 1
        det = toks[i].low if i >= 0 else ""
        if i >= 0 and (_is_count(toks[i]) or toks[i].span is not None):
            continue  # "one soldier": the number reads it
        if i >= 1 and toks[i - 1].low in PREDICATIVE and not (i >= 2 and toks[i - 2].low == "there"):
            continue  # "one reported to be a volunteer", "identified as a teenager": no new person
        if det in SINGLE_DETERMINERS:
            first = i
        elif i < 0 or det in BARE_SINGLE_AFTER or det in BARE_SINGLE_OBJECT_OF or det in BARE_SINGLE_SUBJECT_AFTER:
            first = i + 1  # a headline's bare noun: "Ukrainian soldier killed", "Soldier, civilian killed"
        else:
            continue
        out.append(_Cand(j, 1.0, 1.0, 1.0, toks[first].start, tok.start, None, "count", single=True))
    return out


PREDICATIVE = frozenset("be is was were as become became been".split())
BARE_SINGLE_AFTER = frozenset({",", ";", ":", "—", "–", "-", "and", "|"})
# A headline's bare noun as the object of a casualty verb: "Shelling kills DPR militiaman".
BARE_SINGLE_OBJECT_OF = frozenset("kills killing killed wounds wounding injures injuring".split())
# ... or the subject of a reported clause: "DPR reports militiaman killed", "LPR says serviceman killed".
BARE_SINGLE_SUBJECT_AFTER = frozenset("says said reports reported claims claimed confirms confirmed".split())
# After a person wounded or injured, these say the person has died since: "A woman wounded in
# the shelling of Makiivka dies", "The commandant, wounded in the attack, died".
DIED_SINCE = frozenset("dies died succumbed".split())
SINGLE_DETERMINERS = frozenset("a an the his her their its one my our your".split())
ADJECTIVE_NOUNS = frozenset("civilian military police volunteer child medic rebel militia".split())
SINGLE_MEASURES = frozenset({"killed", "injured", "missing", "captured", "bodies_found", "casualties"})


def _read(toks: list[_Tok], c: _Cand, last: _Cand | None, sentence: str) -> None:
    """Give one candidate its noun phrase and measure; `last` is the figure before it in the sentence."""
    k = c.tok
    if c.single:
        _read_single(toks, c, last)
        return
    np = _noun_phrase(toks, k, c.value)
    c.np = np
    before = [t.low for t in toks[max(0, k - 3) : k]]
    if before and before[-1] in ("including", "incl."):
        c.part, c.part_cue = True, before[-1]
    elif before[-2:] in (["among", "them"], ["among", "whom"], ["of", "whom"], ["among", "those"]):
        c.part, c.part_cue = True, " ".join(before[-2:])
    if before[-2:] in (["of", "which"], ["of", "them"], ["of", "whom"]) or np.pronoun_part:
        np.bare = True
        c.part = c.part or np.pronoun_part
    if any(w in PREVIOUS_CUES for w in before):
        c.previous_cue = True
    if _previous_from(toks, k) and (np.head is not None or np.bare or _bare_before_clause(toks, np.end)):
        c.previous_of = True
    # A number with no noun of its own counts what the figure just before it counted.
    if (np.bare or np.pronoun_part) and last is not None and k - last.tok <= 16 and last.np.cls is not None \
            and not (last.np.cls in THING_CLASSES and _left_verb(toks, k) in PEOPLE_VERB_CLASSES):
        np.cls, np.item = last.np.cls, last.np.item
        np.group = np.group or last.np.group
        if np.cls == "casualty":
            np.cls = "people"
    close = _apposition_end(toks, k) if last is not None and k >= 1 and toks[k - 1].low == "," \
        and last.np.end == k - 1 else None
    if close is not None and np.end < close - 1:
        c.inside = last  # ", one reported to be a volunteer,": more words than a list item
    if before[-2:] in (["bodies", "of"], ["remains", "of"], ["deaths", "of"], ["death", "of"], ["lives", "of"]):
        np.cls, np.measure = "casualty", CASUALTY_NOUNS[before[-2]]  # "the bodies of 12 civilians"
        c.of_casualty = True
    kind = c.kind
    c.left = lv = _left_verb(toks, k)
    rv, passive, at = _right_verb(toks, np.end)
    if rv == "EVACUATE" and np.group == "soldiers" and toks[at].low == "left":
        rv = None  # "3,000 troops left Kherson": a withdrawal, not an evacuation
    if rv == "AGENT":
        # what a counted thing does to something else: missiles that destroy a building hit it
        rv = "HIT" if np.cls == "aerial" else None
    if rv == "FREE" and not passive and np.group != "prisoners" and np.measure not in ("captured", "bodies_found"):
        rv = None  # "80,000 people returned home" is no release
    c.verb_right = rv is not None
    # 1. a casualty noun; 2. a strong verb before the number; 3. a verb after the noun phrase; 4. a weak
    # verb before; 5. a toll; 6. what the noun means alone; then shares and money by their own rules.
    measure = None
    if np.measure and np.cls in ("casualty", "people") and lv != "RESCUE":
        measure = np.measure
        if np.measure in ("bodies_found", "captured") and (lv == "FREE" or rv == "FREE"):
            measure = "exchanged"
        elif np.measure == "injured" and rv == "KILL":
            measure = "killed"  # "two wounded soldiers die"
        elif np.measure == "killed" and rv == "FIND" and np.cls == "people":
            measure = "bodies_found"  # "1,100 dead civilians have been found"
    if measure is None and lv and lv not in WEAK_LEFT and lv not in ("LEFT", "WITH"):
        measure = _measure(lv, np, kind)
    if measure is None and rv and (kind != "percent" or rv in PERCENT_VERBS):
        measure = _measure(rv, np, kind)
        if kind == "percent" and measure is None and rv in ("DESTROY", "DAMAGE") and np.cls in (None, "building"):
            measure = "damaged"  # "30% of power stations have been destroyed"
    if measure is None and lv in WEAK_LEFT:
        measure = _measure(lv, np, kind)
    if measure is None and lv == "LEFT" and rv in ("KILL", "INJURE", "CASUALTIES", "MISSING"):
        measure = _measure(rv, np, kind)
    if measure is None and lv == "WITH" and np.cls == "aerial":
        measure = "launched"
    if measure is None and kind == "count" and (np.bare or np.cls in ("people", "casualty")):
        measure = _toll(toks, k)
    if measure is None and lv != "RESCUE":
        measure = _noun_default(np, toks)
    if kind == "money":
        measure = "aid" if np.cls is None and (lv == "DELIVER" or (_aid_context(toks, k) and lv in (None, "WITH"))) \
            else None
    elif kind == "percent":
        if measure is None and POWER_CONTEXT.search(sentence) and np.cls in (None, "people", "power", "building") \
                and k + 1 < len(toks) and toks[k + 1].low == "of":
            measure = "without_power"  # "40 percent of the capital's consumers", "half of Kyiv"
        if measure not in PERCENT_MEASURES:
            measure = None
    elif np.cls == "power" and measure is None and POWER_CONTEXT.search(sentence):
        measure = "without_power"
    if np.cls in THING_CLASSES - {"strike"} and measure in PEOPLE_ONLY:
        measure = None
    if measure is not None and _hypothetical(toks, k):
        measure = None  # "to avoid the death of hundreds of thousands", "could kill 100"
    c.measure = measure


def _previous_from(toks: list[_Tok], k: int) -> bool:
    """'up from 63', 'up from the 63 it announced', 'revised from an earlier figure of 63', 'compared with 63':
    the number at k is an earlier value of another figure."""
    j = k - 1
    while j >= 0 and k - j <= 6 and toks[j].low in PREVIOUS_FILLERS:
        j -= 1
    if j < 1:
        return False
    w, prev = toks[j].low, toks[j - 1].low
    if w == "from":
        return prev in ("up", "down") or any(t.low in CHANGE_WORDS for t in toks[max(0, j - 8) : j])
    return w in ("with", "to") and prev == "compared"


def _bare_before_clause(toks: list[_Tok], j: int) -> bool:
    """'the 63 it announced on Monday', 'the 63 reported earlier': the number ends its phrase, as opposed to
    counting a noun this module does not know ('from the 3 villages')."""
    if j >= len(toks):
        return True
    w = toks[j].low
    return not w[0].isalpha() or w in PRONOUNS or w in VERB_OF or w in REPORTING or w in AUX or w in PREPOSITIONS \
        or w in PREVIOUS_CUES or w in BARE_FOLLOWERS or w in ("announced", "given", "cited", "stated", "gave")


PRONOUNS = frozenset("it they he she we officials".split())


def _aid_context(toks: list[_Tok], k: int) -> bool:
    """Words of aid near a sum of money: 'a $1.85bn aid package', 'allocating $50 million'."""
    return any(t.low in AID_WORDS for t in toks[max(0, k - 8) : k + 8])


AID_WORDS = frozenset(
    "aid assistance package packages support pledge pledged pledges pledging donate donated donation donations "
    "grant grants loan loans funding tranche allocate allocated allocates allocating allocation contribution "
    "contributions humanitarian financing macro-financial provide provides provided providing".split()
)


def _hypothetical(toks: list[_Tok], k: int) -> bool:
    """A number inside a clause of what might happen, or should not: no figure of what did."""
    for j in range(k - 1, max(-1, k - 12), -1):
        w = toks[j].low
        if w in CLAUSE_BREAKS:
            return False
        if w in HYPOTHETICAL:
            return True
    return False


CLAUSE_BREAKS = frozenset({".", ";", ":", ",", "—", "–", "and", "but", "while"})
HYPOTHETICAL = frozenset(
    "could would might should want wants wanted avoid avoiding prevent preventing if unless threaten threatens "
    "threatened risk risks saving save saves".split()
)


PERCENT_VERBS = frozenset({"POWER", "EVACUATE", "DISPLACE", "REMAIN", "DAMAGE", "DESTROY", "INTERCEPT"})
PERCENT_MEASURES = frozenset({"without_power", "evacuated", "displaced", "remaining", "damaged", "destroyed",
                              "intercepted"})
PEOPLE_ONLY = frozenset({"killed", "injured", "casualties", "missing"})


def _read_single(toks: list[_Tok], c: _Cand, last: _Cand | None) -> None:
    """One person, counted only where a casualty word says what happened to them."""
    k = c.tok
    w = toks[k].low
    np = _NP(end=k + 1)
    if w == "another":
        np.bare = True
        if last is not None and last.np.cls in ("people", "casualty"):
            np.group, np.cls = last.np.group, "people"
    elif _head_info(toks, k, np):
        np.head = k
        if k + 1 < len(toks) and toks[k + 1].low == "of":
            _noun_complement(toks, np)
    c.np = np
    c.end = toks[np.end - 1].end
    first = next((i for i in range(k, -1, -1) if toks[i].start <= c.start), k)
    adjective = next((CASUALTY_ADJECTIVES[toks[i].low] for i in range(first, k) if toks[i].low in CASUALTY_ADJECTIVES),
                     None)  # "there is a dead man"
    lv = _left_verb(toks, first) if w != "another" else None
    verb, _, _ = _right_verb(toks, np.end)
    c.verb_right = verb is not None
    measure = None
    if lv and lv not in WEAK_LEFT:
        measure = _measure(lv, np, "count")  # "killed a civilian and wounded another"
    if measure is None and verb:
        measure = _measure(verb, np, "count")
    if measure is None and adjective in ("killed", "injured", "missing"):
        measure = adjective
    if w in CASUALTY_ADJECTIVES and measure is None:
        measure = CASUALTY_ADJECTIVES[w]  # "there is a dead"
    if w == "body":
        measure = "bodies_found" if verb == "FIND" or lv == "FIND" else None
    if measure == "injured" and lv is None and _died_since(toks, np.end):
        measure = "killed"
    c.measure = measure if measure in SINGLE_MEASURES else None


def _died_since(toks: list[_Tok], start: int, limit: int = 16) -> bool:
    """Whether a wounded person's clause ends in their death ("wounded in the shelling ... dies"),
    with no other person or number on the way."""
    for tok in toks[start:start + limit]:
        w = tok.low
        if w in DIED_SINCE:
            return True
        if w in (";", ".", "|") or w in SINGULAR_PEOPLE or w in ("and", "but") or tok.span is not None:
            return False
    return False


def _relate(toks: list[_Tok], cands: list[_Cand]) -> None:
    """Relations between the numbers of one sentence: totals, coordination, parts, previous values."""
    by_tok = {c.tok: c for c in cands}
    # Totals of partitives: "shot down 54 of the 69 missiles" -> 69 launched.
    for c in cands:
        if c.np.partitive is None:
            continue
        total = by_tok.get(c.np.partitive)
        if total is None:
            continue
        if c.measure in ("intercepted", "hit") and total.np.cls == "aerial":
            total.measure = "launched"
        elif total.measure == c.measure and not total.verb_right:
            total.measure = None  # the verb of the part, read twice
        elif total.measure == c.measure:
            c.measure = None  # "one of 386 children injured": the total says it
    # Coordination: "three soldiers and two civilians were killed" -> both;
    # "90 percent of residents, more than 70,000 people, left" -> the share too.
    for i, c in enumerate(cands[:-1]):
        d = cands[i + 1]
        if c.measure is not None or c.previous_of or d.measure is None or not d.verb_right:
            continue
        first = d.tok
        while d.single and first > 0 and toks[first].start > d.start:
            first -= 1  # "two children and a woman": from the woman's article
        between = [t.low for t in toks[_past_relative(toks, c.np.end) : first]]
        if not between or not all(w in (",", "and", "or", "—", "–") for w in between):
            continue
        if c.kind == d.kind and c.np.cls == d.np.cls:
            c.measure = d.measure
        elif c.kind == "percent" and between == [","] and d.measure in PERCENT_MEASURES:
            c.measure = d.measure
    # Verbs coordinated with one object: "killed three and wounded eight civilians" -> the three are civilians.
    for i, c in enumerate(cands[:-1]):
        d = cands[i + 1]
        if not (c.np.bare and c.np.group is None and c.left in PEOPLE_VERBS and d.left in PEOPLE_VERBS
                and d.np.group is not None and d.np.cls == "people"):
            continue
        between = [t.low for t in toks[c.np.end : d.tok]]
        if len(between) == 2 and between[0] == "and" and VERB_OF.get(between[1]) in PEOPLE_VERBS:
            c.np.group = d.np.group
    # Lists after one verb: "destroyed 202 schools, 34 hospitals and 1,500 homes".
    for i, c in enumerate(cands[1:], 1):
        d = cands[i - 1]
        if c.measure is not None or d.measure is None or (d.left is None and not d.of_casualty) \
                or c.kind != d.kind:
            continue
        between = [t.low for t in toks[d.np.end : c.tok]]
        if d.of_casualty:  # "the bodies of 17 soldiers and 22 civilians"
            if between in ([","], ["and"], [",", "and"]) and c.np.cls == "people":
                c.measure, c.of_casualty = d.measure, True
            continue
        if between in ([","], ["and"], [",", "and"]) and not c.np.bare:
            c.measure = _measure(d.left, c.np, c.kind)
            c.left = d.left if c.measure else None
    # Parts take the measure of the figure before them when they have none of their own.
    last: _Cand | None = None
    for c in cands:
        if c.part and c.measure is None and last is not None and c.np.cls in ("people", None) \
                and last.measure in PART_MEASURES:
            c.measure = last.measure
        if c.measure and not c.previous_of:
            last = c
    # Previous values: "from 63 to 89", "up from 63", "previously 63".
    for i, c in enumerate(cands):
        if not (c.previous_of or c.previous_cue):
            continue
        target = None
        if c.previous_of and i + 1 < len(cands):
            d = cands[i + 1]
            between = [t.low for t in toks[c.np.end : d.tok]]
            if between and between[-1] == "to" and len(between) <= 3 and d.kind == c.kind:
                target = d  # "from 63 to 89"
                if d.measure is None:
                    d.measure = c.measure or _toll_context(toks, c.tok)
                    if d.np.group is None:
                        d.np.group = c.np.group
        if target is None:
            same = [d for d in cands if d is not c and d.measure is not None and not d.previous_of and not d.part
                    and not d.previous_cue and (d.measure == c.measure or (
                        c.measure is None and (c.np.head is None or c.np.cls == d.np.cls)))]
            if same:
                target = min(same, key=lambda d: abs(d.tok - c.tok))
        if target is not None and target.measure is not None:
            target.previous = c.value
            c.previous_of = True
        else:
            c.previous_of = False  # nothing to attach to: the sentence's own figure


def _past_relative(toks: list[_Tok], j: int) -> int:
    """The comma that closes 'who lived in Bakhmut' after a noun phrase ending at j (else j): the clause
    says which people are counted, so '90% of the people who lived there, 70,000 residents,' is one group."""
    if j >= len(toks) or toks[j].low not in ("who", "that"):
        return j
    for m in range(j + 1, min(len(toks), j + 10)):
        w = toks[m].low
        if w == ",":
            return m
        if _is_count(toks[m]) or w in RIGHT_STOPS:
            break
    return j


PART_MEASURES = frozenset({"killed", "injured", "casualties", "missing", "captured", "evacuated", "bodies_found",
                           "displaced", "exchanged", "deported"})


def _toll_context(toks: list[_Tok], k: int) -> str | None:
    for m in range(k - 1, max(-1, k - 12), -1):
        if toks[m].low in ("toll", "tolls"):
            return TOLL_MEASURE.get(toks[m - 1].low if m else "", "killed")
    return None


# --- Using figures ------------------------------------------------------------------------------------


def is_part(figure: Figure) -> bool:
    """Whether a figure is a part of the one before it ("including three children")."""
    return figure.text.lower().startswith(PART_CUES)


def total(figures: list[Figure], measure: str) -> float | None:
    """What one sentence says in all for a measure: its figures of that measure added up, parts left out
    ("five civilians, including two children" -> 5; "3 soldiers and 2 civilians killed" -> 5); None
    when none has a value."""
    values = [f.value for f in figures if f.measure == measure and not is_part(f) and f.value is not None]
    return float(sum(values)) if values else None
