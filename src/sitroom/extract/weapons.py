"""Weapon mentions: which weapon a sentence names, as a canonical model (or class) and its class.

One table, ``WEAPONS``, holds every model and generic name with its spellings (Latin and Cyrillic
"Kh"/"X", hyphens or none, NATO and Soviet designations).  All rows are joined into one compiled
regex, so a sentence is scanned once; the row that matched is read off the group index.

Names that are also ordinary words (Patriot, Leopard, Grad, Lancet, Bradley, Tor, Buk ...) only
count when capitalised or followed by a word that makes them a weapon ("Leopard 2", "Bradley
fighting vehicles"), so that "a Ukrainian patriot" or "the Lancet" are not weapons.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

try:  # the regex parser, to read each pattern's first characters
    from re import _constants, _parser
except ImportError:  # Python < 3.11
    import sre_constants as _constants  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

# Weapon classes, finest that the text supports.  The order is only for documentation.
WEAPON_CLASSES: tuple[str, ...] = (
    "cruise_missile",
    "ballistic_missile",
    "air_defence_missile",  # surface-to-air systems and their missiles (also when fired at the ground)
    "air_defence_gun",
    "anti_tank_weapon",
    "missile",  # a missile of no stated kind
    "rocket",  # a rocket of no stated kind (often an MLRS rocket, sometimes a missile)
    "loitering_munition",  # one-way attack ("kamikaze") drones
    "drone",  # reusable military drones: strike (Bayraktar) or reconnaissance (Orlan)
    "naval_drone",
    "artillery",  # guns and howitzers
    "mortar",
    "mlrs",  # multiple-launch rocket systems
    "thermobaric",
    "incendiary",
    "cluster_munition",
    "aircraft",  # combat aircraft and helicopters
    "aerial_bomb",
    "warship",
    "tank",
    "armoured_vehicle",
    "small_arms",
    "grenade",
    "mine",
    "ied",
    "chemical_weapon",
    "nuclear_weapon",
)


@dataclass(frozen=True)
class WeaponMention:
    name: str  # canonical model ("Kh-101") or, for a generic mention, the class name ("cruise missile")
    weapon_class: str
    text: str  # as written, with a trailing noun that belongs to it ("Kalibr cruise missiles")
    start: int
    end: int


# Pattern shorthands, expanded before compiling:  ~  an optional hyphen or space between parts
# ("Kh-101", "Kh 101", "Kh101");  _  a required space or hyphen ("air-defence", "air defence").
_SEP = r"[\s\-\u2010-\u2013]?"
_GAP = r"[\s\-\u2010-\u2013]+"
_KH = r"(?:kh|x|\u0445)"  # Latin Kh, Latin X and Cyrillic Х all spell Russian "Х"
_PL = r"(?:e?s)?"  # plural


def _p(pattern: str) -> str:
    return pattern.replace("~", _SEP).replace("_", _GAP).replace("KH", _KH)


# The words that may follow a model name and belong to the mention ("Grad rockets", "Leopard 2A6
# main battle tanks", "AMX-10 RC armoured combat vehicles").
_TAIL = _p(
    r"(?:_(?:cruise|ballistic|hypersonic|guided|anti~aircraft|surface~to~air|air~defen[cs]e|self~propelled"
    r"|main_battle|battle|infantry_fighting|fighting|armou?red|combat|reconnaissance|multiple~(?:rocket|launch)"
    r"|rocket|kamikaze|attack|strike|loitering|light|heavy|tactical|missile)){0,3}"
    r"(?:_(?:missiles?|rockets?|drones?|uavs?|systems?|launchers?|howitzers?|guns?|tanks?|vehicles?"
    r"|carriers?|jets?|aircraft|planes?|helicopters?|bombers?|munitions?|batter(?:y|ies)|mlrs|ifvs?|apcs?"
    r"|complex(?:es)?|platforms?|units?|sams?))?"
)

# (canonical name, class, pattern, takes the model tail).  Patterns are case-insensitive unless
# wrapped in (?-i:...).  Models come before generic names so that the longer, finer name wins.
# fmt: off
WEAPONS: tuple[tuple[str, str, str, bool], ...] = (
    # --- cruise missiles
    ("Kalibr", "cruise_missile", r"(?:3M~14|kalibr|caliber(?=_missiles?|_cruise))", True),
    ("Kh-101", "cruise_missile", r"KH~101", True),
    ("Kh-555", "cruise_missile", r"KH~555", True),
    ("Kh-55", "cruise_missile", r"KH~55(?!\d)", True),
    ("Kh-22", "cruise_missile", r"KH~22(?!\d)", True),
    ("Kh-32", "cruise_missile", r"KH~32(?!\d)", True),
    ("Kh-59", "cruise_missile", r"KH~59(?:m(?:k2)?)?", True),
    ("Kh-35", "cruise_missile", r"KH~35(?!\d)", True),
    ("Kh-31", "cruise_missile", r"KH~31(?:p)?", True),
    ("Kh-47 Kinzhal", "ballistic_missile", r"(?:KH~47(?:m2)?(?:_kinzhal)?|kinzhal)", True),
    ("Oniks", "cruise_missile", r"(?:p~800|oniks|(?-i:Onyx))", True),
    ("Zircon", "cruise_missile", r"(?:3M~22|zircon|tsirkon)", True),
    ("Storm Shadow", "cruise_missile", r"(?:storm_shadow|(?-i:SCALP)(?:~EG)?)", True),
    ("Neptune", "cruise_missile", r"(?:r~360|(?-i:Neptune)(?=_(?:anti~ship_)?(?:cruise_)?missiles?))", True),
    ("Harpoon", "cruise_missile", r"(?-i:Harpoon)", True),
    ("Tomahawk", "cruise_missile", r"(?-i:Tomahawk)", True),
    # --- ballistic missiles
    ("Iskander", "ballistic_missile", r"(?:9M~723|9K~720|iskander(?:~m|~k)?)", True),
    ("Tochka-U", "ballistic_missile", r"(?:9M~79(?:\w*)|tochka(?:~u)?|(?-i:OTR)~21|(?-i:SS)~21)", True),
    ("KN-23", "ballistic_missile", r"(?:KN~23|hwasong~11)", True),
    ("Fateh-110", "ballistic_missile", r"(?:fateh~110|zolfaghar)", True),
    ("ATACMS", "ballistic_missile", r"(?:atacms|(?-i:MGM)~140)", True),
    # --- air defence (missiles and systems)
    ("S-300", "air_defence_missile", r"(?:(?-i:[SCС])~300(?:v\d?|pmu\d?|ps)?|5V55\w*|48N6\w*)", True),
    ("S-400", "air_defence_missile", r"(?-i:[SCС])~400", True),
    ("S-200", "air_defence_missile", r"(?-i:[SCС])~200", True),
    ("Buk", "air_defence_missile",
     r"(?:(?-i:BUK|Buk)(?:~m[123]\w*)?(?=_|~m|\b)(?!_(?:said|told))|9M38\w*|9M317\w*)", True),
    ("Tor", "air_defence_missile", r"(?-i:Tor)(?:~m[12]\w*|(?=_(?:sam|air|system|missile|launcher)))", True),
    ("Pantsir", "air_defence_missile", r"pantsir(?:~s1)?", True),
    ("Osa", "air_defence_missile", r"(?-i:Osa|OSA)(?=_(?:sam|air|system|missile|launcher))|(?-i:Osa)~akm", True),
    ("Patriot", "air_defence_missile", r"(?-i:Patriots?|PATRIOT|MIM~104)", True),
    ("IRIS-T", "air_defence_missile", r"iris~t(?:~slm)?", True),
    ("NASAMS", "air_defence_missile", r"nasams", True),
    ("SAMP/T", "air_defence_missile", r"samp[/-]?t(?:~mamba)?|(?-i:Mamba)(?=_(?:air|system|missile))", True),
    ("Hawk", "air_defence_missile", r"(?-i:HAWK|MIM~23|Hawk(?=_(?:air|system|missile|launcher|sam)))", True),
    ("Crotale", "air_defence_missile", r"crotale", True),
    ("Stinger", "air_defence_missile", r"(?-i:Stingers?|FIM~92)", True),
    ("Igla", "air_defence_missile", r"(?-i:Igla)(?:~s)?", True),
    ("Starstreak", "air_defence_missile", r"starstreak", True),
    ("Gepard", "air_defence_gun", r"(?-i:Gepards?)", True),
    ("ZU-23-2", "air_defence_gun", r"zu~23(?:~2)?", True),
    # --- anti-tank
    ("Javelin", "anti_tank_weapon", r"(?-i:Javelins?|FGM~148)", True),
    ("NLAW", "anti_tank_weapon", r"(?-i:NLAWs?)", True),
    ("Stugna-P", "anti_tank_weapon", r"stugna(?:~p)?", True),
    ("Kornet", "anti_tank_weapon", r"(?-i:Kornet)", True),
    ("ATGM", "anti_tank_weapon", r"(?:atgms?|anti~tank_(?:guided_)?(?:missiles?|weapons?|grenade_launchers?))", False),
    ("RPG", "anti_tank_weapon", r"(?-i:RPG)(?:~\d+)?s?", False),
    # --- drones
    ("Shahed-136", "loitering_munition", r"(?:shahed~136|geran~2|(?-i:Shaheds?|SHAHED)(?!~13[01]|~238))", True),
    ("Shahed-131", "loitering_munition", r"(?:shahed~131|geran~1)", True),
    ("Lancet", "loitering_munition",
     r"(?:lancet~3|(?-i:Lancets?)(?=_(?:drones?|loitering|kamikaze|munitions?|uavs?|strike))|(?-i:Lancets))", True),
    ("Switchblade", "loitering_munition", r"(?-i:Switchblades?)", True),
    ("ZALA KUB-BLA", "loitering_munition", r"(?:zala_)?kub~bla", True),
    ("Bayraktar TB2", "drone", r"(?:bayraktar(?:_tb~2)?|(?-i:TB)~2(?=_drone|_uav|s?\b))", True),
    ("Orlan-10", "drone", r"orlan~(?:10|30)", True),
    ("Mohajer-6", "drone", r"mohajer~6", True),
    ("Forpost", "drone", r"(?-i:Forpost)", True),
    ("naval drone", "naval_drone",
     r"(?:(?:naval|sea|marine|water)_drones?|drone_boats?|unmanned_surface_vessels?|usvs?)", False),
    ("loitering munition", "loitering_munition",
     (r"(?:kamikaze|suicide|exploding|one~way_attack|attack)_(?:drones?|uavs?)|loitering_munitions?"
      r"|(?:iranian~(?:made|built|supplied)|iranian)_(?:drones?|uavs?)"), False),
    ("drone", "drone",
     (r"(?:drones?|uavs?|(?:unmanned|uncrewed|pilotless)_(?:aerial|air)_vehicles?"
      r"|(?:unmanned|uncrewed)_aircraft(?:_systems?)?)"
      # "drone footage": a camera, not a weapon
      r"(?!_(?:footage|videos?|images?|imagery|photos?|shots?|views?|cameras?|operators?|pilots?))"),
     False),
    # --- artillery and rockets
    ("HIMARS", "mlrs", r"(?:himars(?:es)?|(?-i:M)~142)", True),
    ("M270", "mlrs", r"(?:(?-i:M)~270(?:a1)?|(?-i:MARS)_(?:ii|2))", True),
    ("BM-21 Grad", "mlrs", r"(?:bm~21(?:_grad)?|(?-i:Grads?|GRAD)|9K51|9M22(?!S)\w*)", True),
    ("BM-27 Uragan", "mlrs", r"(?:bm~27(?:_uragan)?|uragan|9M27\w*|9P140|9K57)", True),
    ("BM-30 Smerch", "mlrs", r"(?:bm~30(?:_smerch)?|smerch|9M55\w*|9M528|9M544|9M549|9A52(?:~\d)?|9K58)", True),
    ("Tornado-S", "mlrs", r"tornado~[sg]", True),
    ("TOS-1A", "thermobaric", r"(?:tos~1a?(?:_(?:buratino|solntsepyok))?|buratino|solntsepyok)", True),
    ("M777", "artillery", r"(?-i:M)~777", True),
    ("Caesar", "artillery",
     r"(?-i:CAESARs?|Caesars|Caesar(?=_(?:howitzers?|self|artillery|guns?|systems?|units?|cannons?)))", True),
    ("PzH 2000", "artillery", r"pzh~2000", True),
    ("AHS Krab", "artillery", r"(?:ahs_)?(?-i:Krab)", True),
    ("Archer", "artillery", r"(?-i:Archer)(?=_(?:howitzers?|artillery|systems?|self))", True),
    ("2S19 Msta-S", "artillery", r"(?:2S~19(?:_msta(?:~s)?)?|msta~s)", True),
    ("2S3 Akatsiya", "artillery", r"(?:2S~3(?!\d)(?:_akatsiya)?|akatsiya)", True),
    ("2S1 Gvozdika", "artillery", r"(?:2S~1(?!\d)(?:_gvozdika)?|gvozdika)", True),
    ("2S7 Pion", "artillery", r"(?:2S~7(?!\d)(?:_(?:pion|malka))?|(?-i:Pion|Malka))", True),
    ("2S5 Giatsint-S", "artillery", r"(?:2S~5(?!\d)(?:_giatsint(?:~s)?)?|giatsint(?:~[sb])?)", True),
    ("2S4 Tyulpan", "mortar", r"(?:2S~4(?!\d)(?:_tyulpan)?|tyulpan)", True),
    ("Krasnopol", "artillery", r"krasnopol(?:~m\d?)?", True),
    ("2S9 Nona", "mortar", r"(?:2S~9(?!\d)(?:_nona(?:~s)?)?|nona~s)", True),
    ("D-30", "artillery", r"(?-i:D)~(?:30|20)(?!\d)(?=_howitzer|_gun)", True),
    ("mortar", "mortar", r"mortars?(?:_(?:shells?|rounds?|bombs?|fire))?", False),
    ("multiple-launch rocket system", "mlrs",
     (r"(?:mlrs|mrls|mlr|mrl|multiple~(?:launch_)?rocket~(?:launch(?:er|ing)?_)?(?:systems?|launchers?)|rocket_artillery"
      # the calibres only launchers fire: 122 mm Grad, 220 mm Uragan, 300 mm Smerch, 227 mm GMLRS rockets
      r"|(?:122|220|227|300)~mm_(?:(?-i:HE)_|unguided_|guided_)?rockets?)"),
     False),
    ("howitzer", "artillery", r"(?:self~propelled_)?(?:howitzers?|guns?(?=_(?:fire|batter)))", False),
    ("artillery", "artillery",
     r"(?:(?:heavy|tube|long~range|field)_)?(?:artillery|arty)(?:_(?:shells?|rounds?|pieces?|guns?|systems?))?", False),
    ("thermobaric weapon", "thermobaric",
     r"(?:thermobaric(?:_(?:weapons?|munitions?|bombs?|rockets?|warheads?))?|vacuum_bombs?)", False),
    ("incendiary weapon", "incendiary",
     r"(?:incendiar(?:y|ies)(?:_(?:weapons?|munitions?|bombs?|ammunition|shells?))?|thermite|white_phosphorus|9M22S)",
     False),
    ("cluster munition", "cluster_munition",
     (r"(?:cluster_(?:munitions?|bombs?|shells?|rockets?|warheads?|ammunition|missiles?)"
      r"|cluster(?=_(?:strikes?|attacks?))"
      r"|sub~?munitions?|cargo_warheads?|9N210|9N235|bomblets?|(?-i:PTAB)(?:~\d+\w*)?|(?-i:RBK)~\d+\w*)"), False),
    # --- aircraft and bombs
    ("Su-25", "aircraft", r"su~25(?!\d)", True),
    ("Su-24", "aircraft", r"su~24(?!\d)(?:m)?", True),
    ("Su-27", "aircraft", r"su~27(?!\d)", True),
    ("Su-30", "aircraft", r"su~30(?!\d)(?:sm)?", True),
    ("Su-34", "aircraft", r"su~34(?!\d)", True),
    ("Su-35", "aircraft", r"su~35(?!\d)", True),
    ("MiG-29", "aircraft", r"mig~29", True),
    ("MiG-31", "aircraft", r"mig~31(?:k)?", True),
    ("F-16", "aircraft", r"(?-i:F)~16s?", True),
    ("Tu-95", "aircraft", r"tu~95(?:ms)?", True),
    ("Tu-160", "aircraft", r"tu~160", True),
    ("Tu-22M3", "aircraft", r"tu~22(?:m3?)?", True),
    ("Il-76", "aircraft", r"il~76", True),
    ("An-26", "aircraft", r"an~26", True),
    ("Ka-52", "aircraft", r"ka~52", True),
    ("Mi-8", "aircraft", r"mi~8(?!\d)", True),
    ("Mi-24", "aircraft", r"mi~(?:24|35)(?!\d)", True),
    ("Mi-28", "aircraft", r"mi~28(?!\d)", True),
    ("FAB-500", "aerial_bomb", r"fab~\d{3,4}(?:\w*)", True),
    ("KAB", "aerial_bomb", r"(?-i:KAB)(?:~\d+\w*)?", True),
    ("glide bomb", "aerial_bomb", r"(?:guided_|glide_|aerial_|air_|gravity_|unguided_)bombs?", False),
    ("helicopter", "aircraft", r"(?:attack_|combat_|military_)?helicopters?", False),
    ("combat aircraft", "aircraft",
     (r"(?:fighter_jets?|fighter~bombers?|warplanes?|war_planes?|fighters?(?=_(?:jets?|aircraft|planes?))"
      r"|(?:strategic_)?bombers?|military_(?:aircraft|jets?|planes?)|combat_aircraft|attack_aircraft"
      r"|jets?(?=_(?:struck|bombed|attacked)))"),
     False),
    # --- ships
    ("Admiral Gorshkov", "warship", r"admiral_(?:of_the_fleet_of_the_soviet_union_)?gorshkov", True),
    ("Moskva", "warship", r"(?-i:Moskva)(?=_(?:cruiser|flagship|warship))|cruiser_(?-i:Moskva)", True),
    ("warship", "warship",
     (r"(?:warships?|frigates?|cruisers?|corvettes?|destroyers?|submarines?|landing_ships?"
      r"|patrol_(?:ships?|boats?)|missile_(?:ships?|boats?)|naval_vessels?)"),
     False),
    # --- tanks and armour
    ("T-72", "tank", r"(?-i:T)~72\w*", True),
    ("T-80", "tank", r"(?-i:T)~80\w*", True),
    ("T-90", "tank", r"(?-i:T)~90\w*", True),
    ("T-64", "tank", r"(?-i:T)~64\w*", True),
    ("T-62", "tank", r"(?-i:T)~62\w*", True),
    ("Leopard", "tank", r"(?-i:Leopard)(?:_?[12](?:a\d)?|s|(?=_(?:tanks?|main)))", True),
    ("Challenger 2", "tank", r"(?-i:Challenger)(?:_2|s|(?=_(?:tanks?|main)))", True),
    ("M1 Abrams", "tank", r"(?:(?-i:M)~1(?:a[12])?_abrams|(?-i:Abrams)(?=_(?:tanks?|main)))", True),
    ("AMX-10 RC", "armoured_vehicle", r"amx~10(?:_?rcr?)?", True),
    ("Bradley", "armoured_vehicle",
     (r"(?:(?-i:M)~2(?:a\d)?_bradley|(?-i:Bradleys)"
      r"|(?-i:Bradley)(?=_(?:fighting|infantry|ifvs?|armou?red|vehicles?|apcs?)))"), True),
    ("Marder", "armoured_vehicle", r"(?-i:Marders?)", True),
    ("Stryker", "armoured_vehicle", r"(?-i:Strykers?)", True),
    ("M113", "armoured_vehicle", r"(?-i:M)~113", True),
    ("Bushmaster", "armoured_vehicle", r"(?-i:Bushmasters?)", True),
    ("BMP", "armoured_vehicle", r"bmp(?:~[123]\w*)?", True),
    ("BMD", "armoured_vehicle", r"bmd(?:~[1234]\w*)?", True),
    ("BTR", "armoured_vehicle", r"btr(?:~\d+\w*)?", True),
    ("MT-LB", "armoured_vehicle", r"mt~lb\w*", True),
    ("Tigr", "armoured_vehicle", r"(?-i:Tigr)(?:~m)?", True),
    ("armoured vehicle", "armoured_vehicle",
     (r"(?:(?:light_)?armou?red_(?:combat_|personnel_|reconnaissance_|fighting_)?(?:vehicles?|carriers?)|armou?red_cars?"
      r"|infantry_fighting_vehicles?|ifvs?|apcs?|personnel_carriers?)"), False),
    ("tank", "tank",
     r"(?<!think )(?<!fuel )(?<!water )(?<!gas )(?:main_battle_)?tanks?(?!_(?:trucks?|farms?|cars?|wagons?))", False),
    # --- other
    ("small arms", "small_arms",
     (r"(?:small_arms(?:_fire)?|machine~guns?(?:_fire)?|assault_rifles?|rifles?|sniper(?:_fire|s)?|gunfire"
      r"|automatic_weapons?|kalashnikovs?|ak~(?:47|74)\w*|pistols?|handguns?|bullets?(?:_holes?)?)"), False),
    ("anti-personnel mine", "mine",
     r"(?:(?:anti~personnel|anti~tank|butterfly|petal|land|sea|naval)_?mines?|landmines?|pfm~1\w*|pom~[23]\w*|tripwires?)",
     False),
    ("improvised explosive device", "ied",
     r"(?:ieds?|improvised_explosive_devices?|car_bombs?|explosive_devices?|booby~traps?)", False),
    ("grenade", "grenade", r"(?:hand_)?grenades?(?!_launchers?)", False),
    ("chemical weapon", "chemical_weapon",
     r"(?:chemical_(?:weapons?|agents?|munitions?)|chloropicrin|(?-i:K)~51|poison(?:ous)?_gas|toxic_gas)", False),
    ("nuclear weapon", "nuclear_weapon",
     r"(?:(?:tactical_|strategic_)?nuclear_(?:weapons?|warheads?|arms|bombs?|strikes?))", False),
    ("cruise missile", "cruise_missile",
     r"(?:(?:air|sea)(?:_and_(?:air|sea))?~(?:launched|based)_)?cruise_missiles?", False),
    ("ballistic missile", "ballistic_missile", r"(?:short~range_|medium~range_)?ballistic_missiles?", False),
    ("surface-to-air missile", "air_defence_missile",
     (r"(?:surface~to~air_missiles?|anti~aircraft_(?:guided_)?missiles?|air~defen[cs]e_missiles?"
      r"|sams?(?=_(?:systems?|sites?|launchers?|batter)))"),
     False),
    ("hypersonic missile", "missile", r"hypersonic_(?:cruise_)?missiles?", False),
    ("missile", "missile", r"(?:guided_)?missiles?", False),
    ("rocket", "rocket", r"rockets?(?!_(?:launchers?|artillery|systems?))", False),
    ("aerial bomb", "aerial_bomb", r"bombs?(?=_(?:dropped|fell|were_dropped|was_dropped|hit))|dropped_bombs?", False),
)
# fmt: on


def _alternative(pattern: str, tail: bool) -> str:
    return "((?:" + _p(pattern) + ")" + _PL + (_TAIL if tail else "") + ")"


def _first_chars(pattern: str) -> set[str] | None:
    """The characters a match of `pattern` can start with (both cases), or None if that cannot be told.

    Lets ``find_weapons`` try, at each word start, only the rows that can begin with its letter:
    one compiled alternation per first character instead of every row at every word."""
    try:
        found, nullable = _first_of_seq(_parser.parse(_p(pattern), re.IGNORECASE))
    except _Unknown:
        return None
    if nullable:
        return None
    return {c for ch in found for c in (ch.lower(), ch.upper())}


class _Unknown(Exception):
    pass


def _first_of_seq(items) -> tuple[set[str], bool]:
    out: set[str] = set()
    for op, av in items:
        chars, nullable = _first_of(op, av)
        out |= chars
        if not nullable:
            return out, False
    return out, True


def _first_of(op, av) -> tuple[set[str], bool]:
    c = _constants
    if op is c.LITERAL:
        return {chr(av)}, False
    if op is c.IN:
        chars = set()
        for sub_op, sub_av in av:
            if sub_op is c.LITERAL:
                chars.add(chr(sub_av))
            elif sub_op is c.RANGE:
                chars.update(chr(x) for x in range(sub_av[0], sub_av[1] + 1))
            else:
                raise _Unknown
        return chars, False
    if op is c.BRANCH:
        out, nullable = set(), False
        for alt in av[1]:
            chars, n = _first_of_seq(alt)
            out |= chars
            nullable = nullable or n
        return out, nullable
    if op is c.SUBPATTERN:
        return _first_of_seq(av[-1])
    if op in (c.MAX_REPEAT, c.MIN_REPEAT):
        chars, nullable = _first_of_seq(av[2])
        return chars, nullable or av[0] == 0
    if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
        return set(), True
    raise _Unknown


def _dispatch() -> dict[str, tuple[re.Pattern[str], tuple[int, ...]]]:
    """first character -> (one regex of the rows that can start with it, in table order; their row numbers)."""
    rows_by_char: dict[str, list[int]] = {}
    anywhere: list[int] = []
    for k, (_, _, pattern, _) in enumerate(WEAPONS):
        chars = _first_chars(pattern)
        if chars is None:
            anywhere.append(k)
            continue
        for ch in chars:
            rows_by_char.setdefault(ch, []).append(k)
    table = {}
    for ch, rows in rows_by_char.items():
        rows = sorted(set(rows) | set(anywhere))
        alternatives = "|".join(_alternative(WEAPONS[k][2], WEAPONS[k][3]) for k in rows)
        table[ch] = (re.compile(r"(?:" + alternatives + r")(?![\w])", re.IGNORECASE), tuple(rows))
    return table


_DISPATCH = _dispatch()
# Where a mention may start: at a word, not inside one or after a hyphen ("S-300s", "Su-25").
_WORD_START = re.compile(r"(?<![\w\-])\w")


def find_weapons(sentence: str) -> list[WeaponMention]:
    """Every weapon the sentence names, left to right, without overlaps."""
    found = []
    done = 0
    for start in _WORD_START.finditer(sentence):
        pos = start.start()
        if pos < done:
            continue
        entry = _DISPATCH.get(sentence[pos])
        if entry is None:
            continue
        m = entry[0].match(sentence, pos)
        if m is None:
            continue
        name, weapon_class, _, _ = WEAPONS[entry[1][m.lastindex - 1]]
        found.append(WeaponMention(name, weapon_class, m.group(), m.start(), m.end()))
        done = m.end()
    return found
