"""The words and punctuation around a place name that say what it is doing there.

One table for each kind of cue: what lets a village count as a place ("in", "the village of"),
what says an event happened at a place or elsewhere ("shelled" vs "launched from", "said in"),
what turns a capital into its government ("Kyiv said"), and the gaps between names that make one
qualify another ("Kamianka, Kharkiv oblast", "Belarus' Ivanovo District").  Words are in the folded
lower case of sitroom.resolve.names.fold.
"""

from __future__ import annotations

import re

# Before a village these let it count without a qualifier ("the village of X", "in X", "near X").
PLACE_CUES = frozenset(
    """in near at outside around into towards toward across village villages town towns city
    settlement settlements hamlet outskirts suburb district hit struck shelled shelling attacked
    attack bombed targeted captured liberated recaptured retook seized entered occupied took reached""".split()
)
# After a village these let it count as one: "Kamianka village", "Bakhmut area", "Marynivka
# checkpoint", "the Karlivka battle".
PLACE_AFTER = frozenset(
    "village town city settlement township area direction outskirts checkpoint battle battles".split()
)
# Before a name the data lacks, these make it a village that the area after it places ("the
# village of Gorbakha in the Ivanovo District"); the NEAR_CUES only with a district after.
VILLAGE_WORDS = frozenset("village villages town settlement hamlet khutir selo".split())
NEAR_CUES = frozenset("near outside in".split())
# Weaker cues: enough for a village named so today, not for one matched by an old or foreign name
# ("spoke to Maya" is no trip to Mayya).
WEAK_CUES = frozenset("""from to of on over via through between and""".split())
# Before a name: how much it says the event happened there (positive) or elsewhere (negative).
EVENT_BEFORE = {
    "in": 1.0, "at": 1.0, "near": 1.2, "outside": 1.2, "around": 0.8, "on": 0.8, "over": 0.5, "into": 0.6,
    "of": 0.3, "hit": 1.5, "struck": 1.5, "shelled": 1.5, "shelling": 1.2, "attacked": 1.5, "bombed": 1.5,
    "targeted": 1.5, "captured": 1.2, "liberated": 1.2, "recaptured": 1.2, "retook": 1.2, "seized": 1.2,
    "entered": 1.0, "village": 1.0, "town": 1.0, "city": 0.8, "settlement": 1.0, "outskirts": 1.2,
    "from": -3.0, "to": -1.5, "towards": -1.5, "toward": -1.5, "via": -1.5, "through": -0.5,
}
# Words of speech: a place right after "said in" is where someone spoke, not where it happened.
SPEECH = frozenset(
    """said says say told tells announced announces stated states declared wrote writes posted posts
    tweeted speaking spoke addressing address interview briefing conference""".split()
)
# After a name, these make it a person unless it is a known city ("Reva said", but "Kyiv said").
SPEAKS = frozenset("said says told tells added adds wrote writes noted stressed claimed claims".split())
# After a capital or a country, these make it the government speaking ("Kyiv said", "Moscow denies").
METONYMY_AFTER = frozenset(
    """said says claimed claims accused accuses denied denies wants warned warns insists insisted
    blamed blames believes responded announced announces agreed refused demands demanded rejected
    rejects condemned condemns called calls urged urges revised revises raised raises confirmed confirms
    admitted admits acknowledged acknowledges reported reports vowed vows threatened threatens
    promised promises pledged pledges say claim accuse deny blame agree trade traded trading exchange
    exchanged""".split()
)
# After a capital or a country, these make it the side that acted, not where ("Russia fired 69
# missiles", "Ukraine struck the bridge", "Moscow has sent troops").
ACTION_AFTER = frozenset(
    """fired fires launched launches struck strikes attacked attacks shelled shells hit hits bombed bombs
    targeted targets sent sends deployed deploys invaded invades shot downed used uses lost loses
    destroyed destroys intercepted intercepts captured seized annexed began begins started starts
    continued continues carried conducted conducts mobilised mobilized mobilises mobilizes supplied
    supplies delivered delivers pounded pounds unleashed unleashes retaliated responded sanctioned
    imposed expelled summoned recalled provide provides provided give gives gave offer offers offered
    approve approves approved transfer transfers transferred intensified intensifies escalated escalates
    stepped""".split()
)
# After a country only, these make it the side that owns the weapons ("69 Russia missiles");
# after a city they may be what struck it ("the Kyiv drone attack").
COUNTRY_ACTOR_AFTER = frozenset(
    """missile missiles drone drones rocket rockets shell shells jet jets aircraft warplanes bombers
    helicopters tanks artillery navy fleet""".split()
)
# Words that may stand between an actor and its verb without making it passive ("Russia has
# launched", "Kyiv also said"); "was", "is", "been" do ("Kyiv was hit": there).
ACTIVE_FILLERS = frozenset(
    """has have had will would could may might also again then later now reportedly allegedly
    apparently previously earlier already once twice repeatedly""".split()
)
# After a country's or a capital's possessive, these make it the side whose state or forces speak
# or act, not where ("Ukraine's commander-in-chief says", "Kiev's shelling of Donbas"); "Kyiv's
# mayor" speaks for the city, which stays a place.
SIDE_AFTER_POSSESSIVE = frozenset(
    """ministry minister president prime premier commander military army armed forces troops general
    defence defense foreign government regime envoy ambassador navy intelligence parliament
    leadership shelling shellings bombardment offensive punitive""".split()
)
# After a country's possessive only (a capital's may be the city's own): "Ukraine's officials".
COUNTRY_SIDE_AFTER_POSSESSIVE = SIDE_AFTER_POSSESSIVE | frozenset(
    """officials official authorities spokesperson spokesman spokeswoman leader state national security
    top chief head""".split()
)
# Words between a cue and its place that say nothing of where: "in the occupied city of X".
DESCRIBING = frozenset(
    """the a occupied besieged embattled frontline front-line nearby neighbouring neighboring ruined
    destroyed eastern southern northern western central russian-occupied ukrainian-held russian-held
    liberated recaptured key strategic small large port industrial city town village settlement of""".split()
)
# Before "in"/"from": the place is where a weapon or unit came from, not where it struck.
ORIGIN = frozenset("launched fired took departed originated flew came deployed based stationed".split())
# After a place: it labels an agreement or meeting rather than locating an event.
LABEL_AFTER = frozenset(
    "summit talks agreement agreements accords accord format protocol process meeting meetings negotiations "
    "memorandum ceasefire truce deal".split()
)
# Words between a place and its label: "the Minsk peace talks", "the Istanbul grain deal".
LABEL_MODIFIERS = frozenset("peace grain ceasefire trilateral contact security".split())
# Lower-case words that begin a name of a named region ("east Ukraine", "southern Ukraine").
LOWER_STARTS = frozenset({"east", "eastern", "south", "southern", "north", "northern", "west", "western"})
# After a capital or country, these make it an actor or a label, not where something happened
# ("Kiev troops", "the Minsk summit", "Moscow-backed").
ACTOR_AFTER = frozenset(
    """troops forces military army soldiers servicemen government authorities regime officials
    summit talks agreement agreements accords accord format protocol process deal backed controlled
    loyal shelling shellings bombardment offensive punitive militants""".split()
)

# Between a name and the name that qualifies it: "X, Y", "X (Y", "X village, Y", "X in the Y".
QUALIFIER_GAP = re.compile(
    r"^(?:['’ʼ](?=\s*[,(]))?"  # a soft sign's apostrophe ending the name: "Mariupil', Donetsk Oblast"
    r"\s*(?:(?:village|town|city|settlement|urban-type settlement|hamlet|area)\s*)?"
    r"(?:[,(/]|\s[-–—]\s)?\s*(?:(?:in|of|near)\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
# The gaps after which a town may qualify a town ("Saltivka, Kharkiv"); "X in Y" needs an area.
COMMA_GAP = re.compile(
    r"^(?:['’ʼ](?=\s*[,(]))?\s*(?:(?:village|town|settlement|hamlet|area)\s*)?(?:[,(/]|\s[-–—]\s)\s*$",
    re.IGNORECASE,
)
# Between a country or area and a name it owns: "Belarus' Ivanovo District", "Ukraine's Kharkiv".
POSSESSIVE_GAP = re.compile(r"^['’]s?\s+$")
# What may join the words of one name.
JOIN_GAP = frozenset({" ", "-", "‑", "–", "- ", " -", " - "})
LIST_GAP = re.compile(r"^\s*(?:,|,?\s*and|,?\s*or|&)\s*(?:the\s+)?$", re.IGNORECASE)
# A name at the very start of a text, followed by ":" or ",": a dateline ("Kharkiv: ...").
DATELINE_BEFORE = re.compile(r"^[\s\"'“‘(\[]*$")
DATELINE_AFTER = re.compile(r"^\s*(?:[:,(]|[-–—]\s)")
POSSESSIVE_AFTER = re.compile(r"^['’]s?\b")
