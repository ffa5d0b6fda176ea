"""Which event types a sentence reports, with the words that show it.

Rules over words, no parser: a sentence is cut into lower-cased word tokens, cue phrases from one
table (``CUES``) are looked up token by token (longest phrase first), weapon mentions come from
``weapons.find_weapons``, and a few rules per family of event types combine cues that stand near
each other in the same clause.  No model is loaded and each decision rests on a cue the user can
see in ``TypeMatch.cue``.

What the rules guard against, because live coverage is full of it:
- negation and denial: "no power outages", "did not strike", "Russia denies targeting civilians";
- hedges, futures and questions for violence: "the threat of a missile strike", "could launch an
  offensive", "intended to capture Kyiv" report no attack (with a warning word, a threat);
- weapons that are not attacks: "sent weapons", "air defence systems" in an aid package;
- background: "since Ukrainian troops reclaimed the areas", "in the de-occupied areas",
  "at the start of the invasion", "in recent months".
Text that reports no event -- opinion, background, other languages, nonsense -- gives [].
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from sitroom.extract.types import EVENT_TYPES, by_subtype
from sitroom.extract.weapons import find_weapons


@dataclass(frozen=True)
class TypeMatch:
    type: str
    subtype: str
    cue: str  # the words that triggered, as written
    start: int  # character offsets of the cue in the sentence
    end: int
    score: float  # 0..1: how strongly the words alone support this type


# --- The cue table -------------------------------------------------------------------------------
#
# feature -> phrases.  A phrase is a run of word tokens; "{a,b}" spells alternatives, so
# "shell{,s,ed}" is shell, shells, shelled.  Hyphens, apostrophes and spaces all separate tokens
# ("air-defence" = "air defence", "children's" = "children s").  A phrase may sit under several
# features.  At each token the longest phrase wins: "shot down" is never also "shot", "air raid
# alert" never "air raid", "think tank" never "tank".

# fmt: off
CUES: dict[str, tuple[str, ...]] = {
    # --- remote violence
    "AIRSTRIKE": (
        "drop{s,ped,ping} {bombs,explosives,munitions,grenades,a bomb,a munition,an explosive,an explosive device}",
        "air strike{,s}", "airstrike{,s}", "air raid{,s}", "air bombardment{,s}", "air attack{,s}", "carpet bombing",
        "aerial {bombardment,bombardments,bombing,bombings,attack,attacks,strike,strikes}", "bomb{ed,ing,ings}",
        "dropp{ed,ing} {bombs,explosives,munitions,grenades,a bomb,a munition,an explosive}",
    ),
    "SHELLING": (
        "shell", "shells", "shelled", "shelling{,s}", "bombard{,s,ed,ing}", "bombardment{,s}", "counter battery fire",
        "pound{,s,ed,ing}", "artillery duel{,s}",
    ),
    "ATTACK_N": ("strike{,s}", "attack{,s}", "barrage{,s}", "salvo{,s}", "raid{,s}", "wave of strikes", "onslaught"),
    "HIT_V": (
        "hit{,s,ting}", "struck", "striking", "slam{,s,med,ming} into", "target{,s,ed,ing}", "attacked", "attacking",
        "hammer{,s,ed,ing}", "rain{,s,ed} down", "rained on", "land{,s,ed,ing} {on,in,near,at,by}",
        "fell {on,in,near,onto}", "impact{,s,ed,ing}", "crash{,ed,es} into", "blown up", "direct hit",
        "arrivals",  # soldiers' word for incoming rounds landing: "arrivals of cruise missiles at the plant"
    ),
    "FIRE_AT": (
        "fire{,d,s} {at,on,upon,into,towards,toward}", "firing {at,on,upon,into,towards,toward,to}", "opened fire",
        "open fire", "opening fire", "under fire", "came under", "coming under", "come under", "taking fire",
    ),
    "FIRE_N": ("fire",),
    "LAUNCH_V": ("launch{,ed,es,ing}", "fired", "firing", "unleash{,ed,es,ing}"),
    "USE": ("use", "used", "uses", "using", "use of", "employ{ed,ing}", "deployed"),
    "INFLIGHT": (
        "flight of", "flying over", "flew over", "moving towards", "heading towards", "incoming", "in flight",
        "sound of", "in the direction of",
    ),
    "EXPLOSION": (
        "explosion{,s}", "blast{,s}", "detonat{e,ed,es,ing,ion,ions}", "explod{e,ed,es,ing}", "loud bang{,s}",
        "bang{,s}", "secondary explosions",
    ),
    # --- ground fighting and territory
    "FIGHT": (
        "fighting", "heavy fighting", "fierce fighting", "street fighting", "fought", "clash{,es,ed}", "battle{,s}",
        "battling", "battled", "firefight{,s}", "skirmish{,es}", "gunfight{,s}", "close combat", "combat operations",
        "hand to hand", "offensive{,s}", "counteroffensive{,s}", "counter offensive{,s}", "counterattack{,s,ed}",
        "counter attack{,s,ed}", "ambush{,ed,es}", "repel{,led,s,ling}", "repulse{,d,s}", "storm{,ed,ing}",
        "assault{,s,ed,ing}", "engag{ed,ing}", "encircle{,d,ment}", "breakthrough", "push{ed} back",
        "advance{,d,s}", "advancing", "made {incremental,significant,some} progress", "gaining ground", "gains",
    ),
    "REGAIN": (
        "liberat{e,ed,es,ing}", "liberation of", "recaptur{e,ed,es,ing}", "retak{e,en,es,ing}", "retook",
        "regain{,ed,s}",
        "took back", "take back", "taken back", "taking back", "de occupied", "deoccupied", "reclaim{,ed}",
        "returned under ukrainian control", "raised the ukrainian flag",
    ),
    "CAPTURE": (
        "captur{e,ed,es,ing}", "seiz{e,ed,es,ing}", "took control", "taken control", "take control", "taking control",
        "gained control", "established control", "took full control", "fell to", "fallen to", "overran", "overrun",
        "occupied", "taken by", "take", "takes", "took",
    ),
    # --- air defence
    "SHOTDOWN": (
        "shot down", "shoot down", "shoots down", "shooting down", "downed", "downing", "intercept{,ed,s,ing}",
        "interception{,s}", "out of the sky", "neutralis{ed,ing}", "neutraliz{ed,ing}",
    ),
    "AIRDEF": (
        "air defen{c,s}e{,s}", "air defen{c,s}e system{,s}", "air defen{c,s}e forces", "anti aircraft", "air force",
        "air defen{c,s}e units",
    ),
    "AIRDEF_ACT": (
        "activated", "was activated", "were activated", "at work", "worked", "working", "in action", "responded",
    ),
    "ALERT": (
        "air alert{,s}", "air raid alert{,s}", "air raid alarm{,s}", "air raid siren{,s}", "air raid warning{,s}",
        "air alarm{,s}", "siren{,s}", "air raid signal", "alert", "alerts",
    ),
    # --- people
    "KILL": (
        "kill{,ed,s,ing,ings}", "dead", "deceased", "die{,d,s}", "dying", "death{,s}", "fatalit{y,ies}",
        "lost their lives", "lives", "murder{,ed,s,ing}", "slain", "shot dead", "perish{ed}", "death toll",
    ),
    "INJURE": ("injur{e,ed,es,ies,y,ing}", "wound{,ed,s,ing}", "hurt", "casualt{y,ies}"),
    "EXECUTE": (
        "execut{ed,ion,ions}", "summary execution{,s}", "shot in the {head,back,back of the head}", "hands tied",
        "tortur{e,ed,ing}", "beaten", "beat", "beating{,s}", "abuse{,d}", "mistreat{ed,ment}", "harsh treatment",
        "ill treatment", "kicked", "stomped", "shot at point blank", "ran over", "runs over", "run over", "crushed",
        "rammed",
    ),
    "SHOOT": (
        "shot", "shoot{,s,ing}", "gunfire", "shots", "sniper{,s}", "machine gun fire", "small arms fire", "shot at",
    ),
    "CIV": (
        "civilian{,s}", "people", "person", "resident{,s}", "local{,s}", "man", "men", "woman", "women", "child",
        "children", "kid{,s}", "boy{,s}", "girl{,s}", "famil{y,ies}", "journalist{,s}", "reporter{,s}", "volunteer{,s}",
        "teacher{,s}", "doctor{,s}", "medic{,s}", "elderly", "pensioner{,s}", "passenger{,s}", "driver{,s}",
        "farmer{,s}", "priest{,s}", "citizen{,s}", "villager{,s}", "inhabitant{,s}", "protester{,s}", "infant{,s}",
        "baby", "babies", "teenager{,s}", "student{,s}", "aid worker{,s}", "rescuer{,s}", "firefighter{,s}",
        "non combatants", "mother", "father", "couple", "individual{,s}", "victims", "mourners", "queue of people",
        "civilian population",
    ),
    "BODY": ("body", "bodies", "corpse{,s}", "remains of {people,civilians,the dead}", "human remains"),
    "MIL": (
        "soldier{,s}", "troop{,s}", "servicem{an,en}", "service personnel", "servicemembers", "fighter{,s}",
        "militant{,s}", "marine{,s}", "paratrooper{,s}", "officer{,s}", "commander{,s}", "conscript{,s}",
        "mercenar{y,ies}", "wagner", "manpower", "infantry", "crew{,s}", "pilot{,s}", "sailor{,s}", "recruits",
        "forces", "army", "military", "units", "brigade{,s}", "battalion{,s}", "regiment{,s}", "division{,s}",
        "personnel", "occupiers", "invaders", "defenders", "separatist{,s}", "kadyrovites", "chechens", "airborne",
        "special forces", "national guard", "border guard{,s}", "russians", "enemy", "armed forces", "dpr", "lpr",
        "dnr", "lnr", "rosgvardia", "azov", "platoon{,s}", "company", "detachment", "garrison",
        "militia{,s}", "militiam{an,en}", "rebel{,s}", "insurgent{,s}", "gunm{an,en}", "combatant{,s}",
        "colonel{,s}", "sergeant{,s}", "sniper{,s}", "sapper{,s}", "guardsm{an,en}",
    ),
    "ABDUCT": (
        "abduct{,ed,ion,ions,s,ing}", "kidnap{,ped,ping,pings,s}",
        "forcibly {deported,transferred,disappeared,removed,taken}",
        "deport{,ed,ation,ations,ing}", "forced disappearance{,s}", "hostage{,s}", "filtration", "filtration camp{,s}",
        "forced conscripts", "forcibly mobilised", "forcibly mobilized", "held captive",
    ),
    "SEXUAL": ("rape{,d,s}", "raping", "sexual violence", "sexual assault{,s}", "sexually assaulted", "sexual abuse"),
    # --- damage, objects, outages
    "DAMAGE": (
        "damag{e,ed,es,ing}", "destroy{,ed,s,ing}", "destroyed", "destruction", "razed", "raze", "ruin{,ed,s}",
        "rubble", "flatten{,ed}", "collaps{e,ed}", "burn{ed,t,ing} down", "burn{ed,t,ing}", "ablaze", "on fire",
        "in flames", "fire broke out", "blaze", "gutted", "wreck{ed,age}", "blown out", "shatter{ed}", "crater{,s}",
        "reduced to rubble", "smoulder{ing}", "partially destroyed", "completely destroyed", "heavy damage",
        "burn marks", "severe destruction", "devastat{ed,ion}", "caught fire", "demolished", "bullet holes",
        "destoryed", "destoyed", "burnt out",
    ),
    "AFTERMATH": ("aftermath", "aftermarth", "consequences", "results of", "after effects", "after {the,a}"),
    "FIRE_DMG": ("fire", "fires", "large fire{,s}", "huge fire", "smoke", "plume of smoke", "black smoke"),
    "CIV_OBJ": (
        "building{,s}", "house{,s}", "home{,s}", "housing", "apartment{,s}", "apartment block{,s}", "residential",
        "high rise", "dormitor{y,ies}", "school{,s}", "kindergarten{,s}", "kindagarten", "nursery", "universit{y,ies}",
        "college{,s}", "hospital{,s}", "clinic{,s}", "maternity", "church{,es}", "cathedral", "monaster{y,ies}",
        "mosque", "synagogue", "prayer house", "museum{,s}", "theat{re,er,res,ers}", "librar{y,ies}", "stadium",
        "sports complex", "cultural centre", "palace of culture", "market{,s}", "shop{,s}", "store{,s}",
        "supermarket{,s}", "mall{,s}", "shopping cent{re,er,res,ers}", "hotel{,s}", "restaurant{,s}", "cafe",
        "office{,s}", "administration building", "administrative building", "city hall", "town hall",
        "council building", "factor{y,ies}", "plant{,s}", "warehouse{,s}", "enterprise{,s}", "industrial", "farm{,s}",
        "port{,s}", "bridge{,s}", "railway{,s}", "rail", "station{,s}", "road{,s}", "highway", "airport{,s}", "dam",
        "tower{,s}", "infrastructure", "facilit{y,ies}", "gas station", "petrol station", "oil depot", "fuel depot",
        "car{,s}", "bus{,es}", "tram", "ambulance{,s}", "playground", "park", "statue", "monument", "cemetery",
        "propert{y,ies}", "residences", "private houses", "garage{,s}", "orphanage", "boarding school",
        "children s camp", "zoo", "pharmacy", "neighbourhood", "neighborhood", "city centre", "city center",
        "village{,s}", "district", "area{,s}", "street{,s}", "hall", "hangar", "grain terminal", "terminal",
        "premises", "complex", "tv tower", "tv mast", "dwellings", "refinery", "pipeline", "gas pipeline",
        "mine", "vehicle{,s}", "train station", "bus station", "bus stop", "tram stop", "shelter", "cent{re,er}{,s}",
        "structure{,s}", "medical cent{re,er}", "business cent{re,er}", "embassy", "van{,s}", "truck{,s}",
    ),
    "CIVIL_MARK": ("civilian{,s}", "civil", "residential", "humanitarian", "private"),
    "MIL_OBJ": (
        "base{,s}", "military base{,s}", "airbase{,s}", "air base{,s}", "naval base", "airfield{,s}", "air field",
        "barracks", "ammunition depot{,s}", "ammo depot{,s}", "arms depot{,s}",
        "ammunition {dump,dumps,storage,warehouse}",
        "ammo {dump,storage}", "command post{,s}", "headquarters", "command {centre,center}", "military facilit{y,ies}",
        "military unit", "military object{,s}", "military target{,s}", "military infrastructure",
        "military installation",
        "radar{,s}", "pontoon bridge", "pontoon crossing", "military equipment", "equipment", "convoy", "column",
        "launcher{,s}", "hardware", "depot", "fuel storage", "armour plant", "repair factory", "military vehicle{,s}",
        "air defen{c,s}e system{,s}", "sam system", "bunker", "storage unit", "military storage", "training ground",
        "military airfield", "observation {post,point}", "hq", "command and control",
    ),
    "POSITIONS": ("positions", "position", "trench{,es}", "dugout{,s}", "firing position{,s}"),
    "FIRING_POS": ("firing position{,s}", "launch site{,s}", "launch position{,s}", "firing line{,s}"),
    "ENERGY": (
        "power", "electricity", "energy", "power grid", "grid", "power plant{,s}", "power station{,s}",
        "power line{,s}",
        "power supply", "power supplies", "power facilities", "power generation", "power engineers", "substation{,s}",
        "sub station{,s}", "thermal power", "thermal power plant", "thermal power station", "hydroelectric",
        "hydroelectric power plant", "hydroelectric power station", "energy infrastructure", "energy facilit{y,ies}",
        "energy system", "chp", "transformer{,s}", "high voltage", "light", "power generation facilities", "electric",
        "electrical",
    ),
    "WATER": ("water supply", "water supplies", "water", "pumping station", "water treatment", "water pipe{,s}"),
    "HEAT": ("heating", "heat", "boiler house", "district heating", "gas supply", "gas supplies"),
    "COMMS": (
        "internet", "mobile connection", "mobile communication{,s}", "mobile network{,s}", "mobile coverage",
        "communications", "phone network{,s}", "telecom{,s}", "cellular", "connection", "telecommunications",
    ),
    "OUTAGE": (
        "outage{,s}", "blackout{,s}", "power cut{,s}", "cut{,s} off", "cut", "without", "knocked out", "knocking out",
        "knock out", "{have,has,had} no {power,electricity,water,heating,light}", "disrupt{ed,ion,ions}",
        "interrupt{ed,ion,ions}", "shortage{,s}", "shut down",
        "shutdown{,s}", "de energised", "de energized", "lost power", "lost electricity", "restor{e,ed,es,ing}",
        "restoration", "rolling blackouts", "emergency shutdowns", "switched off", "failure{,s}", "lost",
    ),
    # --- military equipment and its losses
    "EQUIP": (
        "equipment", "military equipment", "military vehicle{,s}", "convoy", "column", "hardware",
        "{russian,ukrainian,enemy,army,armoured,armored,military,tactical} vehicle{,s}",
        # a side's trucks, ships or aircraft are its military's: "Russian trucks in Trostianets"
        "{russian,ukrainian,enemy} {fuel ,supply ,cargo ,}{truck,trucks,vessel,vessels,ship,ships,aircraft,aircrafts}",
        "radar{,s}", "command post{,s}", "launcher{,s}", "ammunition depot{,s}", "ammo depot{,s}", "depot",
        "air defen{c,s}e system{,s}", "sam system", "barracks", "airbase{,s}", "air base{,s}", "airfield{,s}",
        "military base{,s}", "headquarters", "ammunition", "ammo", "ammunition storage", "fuel storage",
        "{military,army} truck{,s}",
        "pontoon bridge", "pontoon crossing", "jet{,s}", "plane{,s}", "aircraft", "weaponry", "heavy weaponry",
        "logistics", "logistic", "logistical supplies", "logistical", "kamaz", "boats", "armour", "armor",
        "military storage", "storage unit", "armour plant",
    ),
    "LOSS": ("loss{,es}", "lost", "losing", "knocked out", "disabled", "eliminated", "burnt out", "graveyard"),
    "CAPTURE_EQ": ("captur{e,ed}", "seized", "abandon{,ed}", "trophy", "trophies", "taken as trophies", "overturned"),
    "CRASH": ("crash{,ed,es,ing}", "went down", "wreckage"),
    # --- forces
    "MOVE": (
        "convoy{,s}", "column{,s}", "on the move", "moving", "movement{,s}", "move{,d,s}", "deploy{,ed,ing,s}",
        "deployment{,s}", "redeploy{,ed,ing,ment}", "relocat{e,ed,ing,ion}", "transferr{ed,ing}", "transport{ed,ing}",
        "transporting", "transporing", "carrying", "mass{ing,ed}", "amass{ed,ing}", "gather{ing,ed}", "build{ing} up",
        "buildup", "build up", "reinforcement{,s}", "concentrat{ion,ed,ing}", "spotted", "seen", "presence",
        "stationed",
        "arriv{ed,ing}", "heading", "patrol{,s,ling,ing}", "checkpoint{,s}", "sighted", "observed", "drove",
        "driving", "leaving", "left", "enter{,ed,ing}", "approach{,ed,ing}", "crossing", "crossed",
        "head{ed,ing} towards",
        "on the way", "en route", "loaded", "loads", "unloaded", "unloading", "positioned", "camp{,s}",
        "encampment{,s}",
        "parked", "traveling", "travelling", "rolling", "withdrawing", "board{,ing}", "preparing to board", "operating",
        "active", "staging", "assembl{ed,ing}", "dug in", "moving towards", "heading towards", "lined up", "set up",
        "being set up",
    ),
    "TRAIN_V": ("training", "trained", "train{,s}", "exercise{,s}", "drill{,s}", "instruction", "train loads"),
    "MOBILISE": (
        "mobilis{e,ed,es,ing,ation}", "mobiliz{e,ed,es,ing,ation}", "conscript{ion,ed}", "conscript mobilization",
        "conscript mobilisation", "draft{ed,ees}", "draft", "recruit{,s,ed,ment,ing}", "call up", "callup", "called up",
        "reservist{,s}", "enlistment office{,s}", "military commissariat{,s}", "partial mobilisation",
        "partial mobilization",
    ),
    "DRAFT_LAW": ("draft {law,laws,resolution,resolutions,bill,text,budget}",),
    "WITHDRAW": (
        "withdrew", "withdrawn", "withdrawing", "withdraw{,s}", "retreat{ed,ing}", "pull{ed,ing} out",
        "pull{ed,ing} back",
        "pulled out", "left the city", "abandoned {their,the} positions",
    ),
    "SERVICE": (
        "combat service", "combat duty", "into service", "entered service", "test launch{,es}", "test fire{,d}",
        "test fired", "missile test{,s}", "tested", "test{,s}", "went into service", "on combat duty", "commissioned",
    ),
    "BASE": (
        "set up {a,the,}", "setting up {a,the,of,}", "establish{,ed,es,ing} {a,the,}", "formation of {a,the,}",
        "construct{ed,ing,ion of} {a,the,}", "built {a,the,}", "base established", "tent camp{,s}", "field camp{,s}",
        "set up camp",
    ),
    "BASE_N": (
        "base", "military base", "camp", "field camp", "headquarters", "hq", "field hospital", "checkpoint{,s}",
        "outpost",
    ),
    "FORTIFY": (
        "fortif{y,ied,ies,ying,ication,ications}", "trench{,es}", "defensive {lines,structures,positions,line}",
        "dragon s teeth", "dig{,ging} in", "dug in", "digging trenches",
    ),
    # --- humanitarian
    "EVAC": (
        "evacuat{e,ed,es,ing,ion,ions}", "evacuee{,s}", "humanitarian corridor{,s}", "safe passage",
        "green corridor{,s}",
    ),
    "DISPLACE": (
        "refugee{,s}", "displaced", "displacement", "idps", "fled", "flee{,ing,s}", "left their homes",
        "forced to leave", "internally displaced", "left the city", "fleeing",
    ),
    "AID": (
        "humanitarian {aid,assistance,supplies,cargo,convoy,convoys,help,mission,missions,relief,deliveries,shipment}",
        "aid convoy{,s}", "aid {delivery,deliveries,shipment,shipments,distribution}", "food aid", "relief supplies",
        "medical supplies", "food and medicine", "hot meals", "food parcels", "humanitarian hub",
        "provided with humanitarian aid",
    ),
    # --- aid to the warring sides
    "SUPPLY": (
        "send{,s,ing}", "sent", "supply{,ing}", "supplies", "supplied", "deliver{,ed,s,ing}", "deliver{y,ies}",
        "provid{e,ed,es,ing}", "pledg{e,ed,es,ing}", "donat{e,ed,es,ing,ion,ions}", "transfer{,red,s,ring}",
        "shipped", "shipment{,s}", "shipping", "giv{e,es,en,ing}", "gave", "hand{,ed} over", "receiv{e,ed,es,ing}",
        "arrival", "arriv{e,ed,es}", "aid package{,s}", "package{,s}", "lend lease", "equip", "purchas{e,ed,es,ing}",
        "bought", "buy{,ing}", "order{ed}", "approv{e,ed,es}", "announc{e,ed,es}", "acquir{e,ed}", "to help",
    ),
    "MILAID": (
        "military {aid,assistance,support,help,package,packages,supplies,deliveries}", "security assistance",
        "defen{c,s}e {aid,assistance,support,package}", "weapons {supplies,deliveries,shipments,supply,delivery}",
        "arms {supplies,deliveries,shipments,supply,delivery,transfers}", "lend lease", "delivery of weapons",
        "supply of weapons", "supply of arms", "military hardware",
    ),
    "WEAPON_W": (
        "weapon{,s}", "arms", "ammunition", "munitions", "military equipment", "equipment",
        "air defen{c,s}e {systems,weapons,system}", "artillery shells", "hardware", "armoured vehicles",
        "armored vehicles", "fighter jets", "jets", "weaponry", "materiel",
    ),
    "RECIPIENT": (
        "ukraine", "kyiv", "kiev", "ukrainian", "ukrainians", "russia", "moscow", "to help", "aid", "assistance",
        "support", "help", "in support of", "partners", "allies", "donor{,s}",
    ),
    # --- politics
    "TALKS": (
        "talks", "peace talks", "negotiat{e,ed,es,ing,ion,ions,or,ors}", "dialogue", "summit{,s}", "meeting{,s}", "met",
        "meet{,s}", "phone call", "telephone call", "call with", "video call", "phone conversation", "conversation",
        "spoke {to,with}", "speak {to,with}", "held talks", "hold talks", "discuss{,ed,es,ing}", "discussion{,s}",
        "consultation{,s}", "visit{,ed,s,ing}", "envoy{,s}", "mediat{e,ed,ion,or,ors,ing}", "mediator",
        "peace {plan,formula,process,proposal,initiative,deal,conference,summit}", "summon{,ed,s}", "talked",
        "diplomatic", "call between", "talked about", "talk{,s} to",
    ),
    "DIPLO": (
        "president", "prime minister", "minister", "chancellor", "leader{,s}", "delegation", "secretary",
        "counterpart{,s}", "ambassador{,s}", "envoy", "king", "pope", "head of state", "heads of state",
        "secretary general",
        "foreign minister", "commission president", "premier",
    ),
    "AGREE": (
        "agree{,d,s}", "agreement{,s}", "sign{,ed,s,ing}", "deal", "accord", "treaty", "memorandum", "ceasefire",
        "cease fire", "truce", "armistice", "reached {an,a} agreement", "pact",
    ),
    "SANCTION": (
        "sanction{,s,ed,ing}", "embargo{,es}", "price cap{,s}", "asset freeze", "frozen assets", "froze assets",
        "blacklist{,ed}", "export controls", "ban{,s,ned}", "restrictive measures", "sanctions package",
    ),
    "ECON": (
        "ruble", "rouble", "currency", "inflation", "gdp", "economy", "economic", "oil price{,s}", "gas price{,s}",
        "energy prices", "price{,s}", "exports", "export", "imports", "import", "grain exports", "grain deal",
        "budget deficit", "budget", "revenue{,s}", "stock market", "markets", "gas storage", "gas supplies", "oil",
        "gas", "grain", "bonds", "interest rate{,s}", "central bank", "debt", "default",
    ),
    "CHANGE": (
        "fell", "fell to", "fall{,s,ing}", "rose", "rise{,s}", "rising", "hit", "low", "high", "drop{,s,ped}",
        "surg{e,ed,es}",
        "plung{e,ed,es}", "weaken{,ed,s}", "weakest", "strongest", "gone down", "gone up", "record", "increase{,d,s}",
        "decrease{,d,s}", "declin{e,ed,es}", "squeez{e,ed,ing}", "deficit", "soar{,ed,s}", "tumbl{e,ed,es}",
        "slump{,ed}", "shortfall", "higher", "lower",
    ),
    "FINAID": (
        "financial {aid,assistance,support,help,package}", "budget support", "loan{,s}", "grant{,s}",
        "macro financial", "macrofinancial", "reconstruction fund", "economic aid", "economic assistance",
    ),
    "WARCRIME": (
        "war crime{,s}", "crimes against humanity", "genocide", "atrocit{y,ies}", "icc", "international criminal court",
        "tribunal{,s}", "prosecutor{,s}", "prosecut{e,ed,ion}", "indict{,ed,ment}", "arrest warrant{,s}",
        "human rights violations", "international humanitarian law", "geneva convention{,s}", "war criminal{,s}",
        "crime{,s}", "exhum{e,ed,ation,ations}",
    ),
    "INVEST": (
        "investigat{e,ed,es,ing,ion,ions,or,ors}", "probe", "document{ed,ing}", "evidence", "looking into", "inquiry",
        "fact finding", "forensic", "charged", "charges", "trial", "convicted", "sentenced", "warrant{,s}",
        "examin{e,ed,ing}",
    ),
    "EXCHANGE": (
        "prisoner{,s} {exchange,exchanges,swap,swaps}", "exchange of prisoners", "swap of prisoners",
        "pow {exchange,swap}", "exchang{e,ed}", "swap{,s,ped}", "returned from captivity", "released from captivity",
        "freed from captivity", "return{,ed} home from captivity", "exchange of bodies", "prisoner release",
        "freed", "released",
    ),
    "POW": (
        "prisoner{,s} of war", "pow{,s}", "captive{,s}", "captivity", "taken prisoner", "taken captive",
        "surrender{,ed,s,ing}", "prisoner{,s}", "interrogat{ing,ed,ion}",
    ),
    "ARREST": (
        "arrest{,ed,s,ing}", "detain{,ed,s,ing}", "detention{,s}", "detainee{,s}", "taken into custody", "custody",
        "apprehend{,ed}", "jail{,ed}", "imprison{,ed,ment}", "sentenced", "convict{ed}", "treason", "rounded up",
        "round up",
    ),
    "THREAT": (
        "threat{,s}", "threaten{,ed,s,ing}", "warn{,ed,s,ing}", "warning{,s}", "ultimatum{,s}", "vow{,ed,s}",
        "promis{ed,es} to", "retaliat{e,ed,ion}", "revenge", "should be expected", "expect{,s,ed}",
        "prepare for the worst",
        "escalat{e,ion}", "predict{,s,ed}", "to expect",
    ),
    "ACCUSE": (
        "accus{e,ed,es,ing,ation,ations}", "blam{e,ed,es,ing}", "held responsible", "condemn{,ed,s,ing}",
        "denounc{e,ed,es}",
    ),
    "RESP": (
        "claimed responsibility", "claim responsibility", "claims responsibility", "took responsibility",
        "denied responsibility", "admitted responsibility", "responsibility for", "claimed credit",
    ),
    "NUKE_PLANT": (
        "nuclear {plant,plants,station,reactor,reactors,facility,site}",
        "nuclear power {plant,plants,station,stations}", "npp", "znpp", "iaea", "chernobyl",
        "chornobyl", "reactor{,s}", "spent fuel", "radiation", "radioactive", "nuclear power plant", "enerhoatom",
        "energoatom", "nuclear safety", "cooling", "nuclear power station",
    ),
    "CYBER": (
        "cyber attack{,s}", "cyberattack{,s}", "cyber attacked", "hack{,ed,ers,er,ing}", "ddos", "malware",
        "ransomware", "wiper", "cyber operation{,s}", "cyber offensive",
    ),
    "REMNANT": (
        "remnant{,s}", "remains of", "remainings", "fragment{,s}", "unexploded", "uxo", "tail section",
        "rocket motor{,s}", "rocket engine{,s}", "booster", "warhead{,s}", "debris of", "shrapnel", "casing{,s}",
        "part of", "parts of", "embedded", "lodged", "stuck in", "unexploded ordnance", "tail fin{,s}",
        "wreckage of", "piece{,s} of", "cargo section", "cassette", "casette", "found", "discovered", "recovered",
        "lying", "placed", "planted", "laid", "in street", "in the street", "in the ground", "wreckage",
    ),
    "MUNITION": ("munition{,s}", "ordnance", "projectile{,s}", "ordenance"),
    "DEMINE": (
        "demin{ing,ed,ers,er}", "mine clearance", "mine clearing", "defus{e,ed,ing}", "sapper{,s}", "bomb disposal",
        "explosive ordnance disposal", "cleared of mines", "de mining", "pyrotechnic{,s}", "clearing of",
    ),
    "GRAVE": (
        "mass grave{,s}", "grave{,s}", "burial{,s}", "burial site{,s}", "burial ground{,s}", "grave rows",
        "grave lines", "makeshift grave{,s}", "mass burial{,s}", "grave site{,s}", "exhum{e,ed,ation,ations}",
    ),
    "PROTEST": (
        "protest{,s,ed,ers,ors,ing}", "rall{y,ies}", "demonstration{,s}", "demonstrators", "picket{,s}",
        "anti war", "vigil{,s}", "march against", "took to the streets",
    ),
    "DISPERSE": (
        "dispers{e,ed,al,ing}", "tear gas", "tear gassed", "stun grenade{,s}", "rubber bullets", "shots in the air",
        "broke up", "violent dispersal", "crackdown", "tear gas grenades",
    ),
    "ANNEX": (
        "annex{,ed,ation,ing}", "referend{um,a,ums}", "illegally seized", "incorporat{e,ed,ion}", "sham referendum",
        "passportisation", "passportization",
    ),
    "SABOTAGE": (
        "sabotag{e,ed,es}", "saboteur{,s}", "partisan{,s}", "arson", "set fire to", "set on fire", "set alight",
        "molotov cocktail{,s}", "derail{,ed,ment}", "guerrilla{,s}", "resistance movement", "underground resistance",
    ),
    "LOOT": (
        "loot{,ed,ing,ers}", "pillag{e,ed,ing}", "plunder{,ed,ing}", "stole", "stolen", "steal{,ing}", "ransack{,ed}",
    ),
    # --- time and totals
    "SINCE": ("since",),
    "TOTAL": (
        "in total", "a total of", "total", "so far", "to date", "overall", "cumulative", "throughout ukraine",
        "over the course of the war", "since the start", "since the beginning", "since the war began",
        "since the invasion began", "since february", "since 24 february", "since february 24",
        "from the time the war began", "since the full scale invasion", "this year", "so far this year", "in all",
        "altogether", "since russia s invasion", "since the russian invasion", "since the invasion",
        "since the war started",
    ),
    "PERIOD": ("month{,s}", "year{,s}", "week{,s}"),
    "BACKGROUND": (
        "in recent {months,weeks,years}", "over the {last,past} {several,few} {months,years}", "for months",
        "at the {start,beginning,outset} of the {war,invasion,full scale invasion,conflict}",
        "in the early days of the war", "earlier in the war", "in the {spring,summer,autumn,winter}",
        "in the coming {days,weeks,months}", "next {week,month,year}", "later this year", "in the future", "in 2014",
        "in the past", "when russia launched",
    ),
    # --- modality
    "NEG": (
        "not", "no", "never", "none", "nobody", "neither", "nor", "no one", "nothing", "failed to", "without any",
        "no reports of", "denies", "denied", "deny", "denying", "refuted", "rejected", "dismissed",
    ),
    "HEDGE": (
        "may", "might", "could", "would", "will", "shall", "can", "cannot", "should", "plan{,s,ned} to", "planning to",
        "planning", "intend{,s,ed} to", "threat of", "threats of", "risk of", "fear{,s} of", "danger of",
        "possibility of", "potential", "prepar{e,es,ing} to", "prepar{e,es,ing} for", "ready to", "aim{,s,ed} to",
        "set to", "about to", "going to", "to prevent", "in case of", "if", "unless", "whether", "want{,s,ed} to",
        "seek{,s} to", "capable of", "designed to", "expect{,s,ed}", "expected", "likely to", "to counter",
        "against possible", "possible", "to defend", "to protect", "protect from", "prevent", "in the event of",
        "to launch", "to carry out", "ability to", "to stop", "hoping", "hope", "to repel", "looking forward to",
        "calls for", "called for", "call for", "urged", "urge{,s}", "demand{,s,ed}", "wants",
    ),
    "FUTURE_OK": ("will", "would", "to", "plans to", "plan to", "planned to", "set to", "ready to", "going to"),
    # --- phrases that only absorb words another cue would misread
    "NEUTRAL": (
        "cyber security", "bomb shelter{,s}", "think tank", "fire brigade", "fire department", "firefighters",
        "power of", "soft power", "world power{,s}", "in power", "came to power", "will power", "air force one",
        "cross border", "strike a balance", "struck a deal", "strike a deal", "hunger strike", "heart attack",
        "panic attack", "battlefield{,s}", "combat ready", "fight for {freedom,victory,survival,independence}",
        "continue to fight", "will fight", "fighting spirit", "peace of mind", "security guarantees", "grain ships",
        "shell company", "fire sale", "fired from his post", "fire chief", "air threats", "potential external threats",
        "external threats", "missile programmes", "missile programs", "weapons of mass destruction", "weapons handling",
        "in arms", "arms race", "arms control", "forces of nature", "death penalty", "military technology",
        "military intelligence", "military leadership", "military official{,s}", "military commanders",
        "military sources", "military analyst{,s}", "military expert{,s}", "defen{c,s}e ministry",
        "defen{c,s}e minister",
        "ministry of defen{c,s}e", "general staff", "state border guard service", "military administration",
        "regional military administration", "air force spokesperson", "war correspondent", "take place", "took place",
        "taking place", "takes place", "take part", "took part", "taking part", "take measures", "take into account",
        "take care", "take shelter", "took office", "take over", "take a", "took a", "round up of", "a round up",
        "main battle", "battle tank{,s}", "battle group", "counter battery radar", "strike drone{,s}",
        "attack drone{,s}",
        "attack helicopter{,s}", "attack aircraft", "strike aircraft", "fire at will", "military technolog{y,ies}",
        "military aid", "armed forces of ukraine", "captured on {camera,video,cctv,film,footage,tape}",
        "caught on camera",
        "advanced {talks,weapons,weaponry,stage,negotiations,technology,systems}", "intelligence gathering",
        "nuclear power {output,generation,production}", "detention {centre,center,centres,centers,facility,facilities}",
    ),
}
# fmt: on

_BRACE = re.compile(r"\{([^{}]*)\}")
_WORD = re.compile(r"[^\W_]+")


def _expand(phrase: str) -> list[str]:
    m = _BRACE.search(phrase)
    if not m:
        return [phrase]
    out = []
    for alt in m.group(1).split(","):
        out.extend(_expand(phrase[: m.start()] + alt + phrase[m.end() :]))
    return out


def _build_index(cues: dict[str, tuple[str, ...]]) -> dict[str, list[tuple[tuple[str, ...], frozenset[str]]]]:
    """first token -> [(phrase tokens, features)], longest phrase first."""
    by_phrase: dict[tuple[str, ...], set[str]] = {}
    for feature, phrases in cues.items():
        for phrase in phrases:
            for text in _expand(phrase):
                tokens = tuple(_WORD.findall(text.lower()))
                if tokens:
                    by_phrase.setdefault(tokens, set()).add(feature)
    index: dict[str, list[tuple[tuple[str, ...], frozenset[str]]]] = {}
    for tokens, features in by_phrase.items():
        # a NEUTRAL phrase absorbs its words and carries nothing else
        index.setdefault(tokens[0], []).append(
            (tokens, frozenset(["NEUTRAL"]) if "NEUTRAL" in features else frozenset(features))
        )
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[0]))
    return index


_INDEX = _build_index(CUES)

# Weapon class -> the remote-violence subtype an attack with it is (None: not remote violence).
REMOTE_BY_WEAPON: dict[str, str | None] = {
    "cruise_missile": "missile_attack",
    "ballistic_missile": "missile_attack",
    "air_defence_missile": "missile_attack",
    "missile": "missile_attack",
    "rocket": "missile_attack",
    "loitering_munition": "air_strike",
    "drone": "air_strike",
    "aircraft": "air_strike",
    "aerial_bomb": "air_strike",
    "naval_drone": "remote_explosive",
    "artillery": "shelling",
    "mortar": "shelling",
    "mlrs": "shelling",
    "thermobaric": "shelling",
    "incendiary": "shelling",
    "cluster_munition": "shelling",
    "warship": "shelling",
    "mine": "remote_explosive",
    "ied": "remote_explosive",
    "grenade": "grenade",
    "chemical_weapon": "chemical_weapon",
    "tank": None,
    "armoured_vehicle": None,
    "anti_tank_weapon": None,
    "small_arms": None,
    "air_defence_gun": None,
    "nuclear_weapon": None,
}
# The remote-violence subtypes a weapon can give; "strike" (no weapon named) yields to any of them.
_REMOTE_BY_WEAPON_SET = frozenset(st for st in REMOTE_BY_WEAPON.values() if st)
_GROUND_WEAPONS = frozenset(["tank", "armoured_vehicle", "anti_tank_weapon", "small_arms", "air_defence_gun"])
_AERIAL = frozenset(
    "cruise_missile ballistic_missile missile rocket loitering_munition drone aircraft aerial_bomb "
    "air_defence_missile".split()
)
_MIL_KIT = frozenset(
    "tank armoured_vehicle artillery mlrs aircraft warship air_defence_missile air_defence_gun thermobaric mortar "
    "anti_tank_weapon".split()
)
_MUNITIONS = frozenset(
    "cruise_missile ballistic_missile missile rocket cluster_munition aerial_bomb mine ied loitering_munition "
    "incendiary thermobaric".split()
)
_FIRING_WEAPONS = frozenset(["artillery", "mortar", "mlrs", "thermobaric"])  # what fires rounds from a position
_USED_MUNITIONS = frozenset(["incendiary", "cluster_munition", "thermobaric", "chemical_weapon", "aerial_bomb"])
_INSTRUMENT = frozenset(["by", "with", "from", "using", "of"])
_LOCATIVE = frozenset(["on", "in", "at", "near", "against", "around", "outside", "across", "into", "onto", "over"])
_UKRAINE = frozenset(["ukrainian", "ukraine", "kyiv", "ukrainians", "zsu", "afu"])
_RUSSIA = frozenset(["russian", "russia", "russians", "wagner", "dpr", "lpr", "dnr", "lnr", "chechen", "belarusian"])
_NATIONALITY = _UKRAINE | _RUSSIA | frozenset(["belarussian", "chechens", "kadyrovites", "separatist", "rosgvardia"])
_AUX = frozenset(["has", "have", "had", "was", "were", "been", "is", "are", "be", "being", "getting", "got"])
_BOUNDARY_CHARS = frozenset(",;:[]—–!")
_CONJ_BOUNDARY = frozenset(
    ["but", "while", "whereas", "although", "though", "and", "as", "after", "which", "who", "that", "when", "because"]
)
_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve dozen dozens hundred hundreds thousand thousands "
    "million millions several many".split()
)
_PARTICIPLES = frozenset(
    "hit struck destroyed damaged targeted attacked shelled bombed burning burnt burned ablaze knocked destoryed "
    "wrecked smashed downed".split()
)
_HEDGE_WINDOW = 6
_MODALS = frozenset(["would", "will", "could", "may", "might", "should", "must"])
_NEG_WINDOW = 4


@dataclass(slots=True, eq=False)
class _Hit:
    features: frozenset[str]
    i: int  # first token
    j: int  # one past the last token
    weapon_class: str | None = None


class _Sentence:
    """Tokens, cue hits, clause and sentence boundaries of one text, with the window queries rules use."""

    __slots__ = ("text", "tokens", "starts", "ends", "hits", "by_feature", "clause", "sent", "question", "weapons")

    def __init__(self, text: str):
        self.text = text
        spans = [(m.group().lower(), m.start(), m.end()) for m in _WORD.finditer(text)]
        self.tokens = [s[0] for s in spans]
        self.starts = [s[1] for s in spans]
        self.ends = [s[2] for s in spans]
        self._boundaries(spans)
        self.hits: list[_Hit] = []
        self.by_feature: dict[str, list[_Hit]] = {}
        self._match()
        self._add_weapons()

    # ----- building
    def _boundaries(self, spans: list[tuple[str, int, int]]) -> None:
        """clause[k] and sent[k]: the clause and sentence token k is in; question[s]: sentence s asks."""
        text = self.text
        clause, sent, c, s, prev_end = [], [], 0, 0, 0
        for k, (tok, start, _) in enumerate(spans):
            gap = text[prev_end:start]
            if k:
                new_sentence = (
                    any(ch in ".?!" for ch in gap)
                    and (" " in gap or "\n" in gap)
                    and not (gap.strip() == "." and len(self.tokens[k - 1]) <= 2 and self.tokens[k - 1].isalpha())
                )  # "U.N. officials", "No. 7": a short word before a full stop is an abbreviation
                if new_sentence or "\n" in gap:
                    s += 1
                    c += 1
                elif (
                    tok in _CONJ_BOUNDARY
                    or any(ch in _BOUNDARY_CHARS for ch in gap)
                    and not (gap in (",", ".") and tok[0].isdigit() and self.tokens[k - 1][0].isdigit())
                ):  # "100,000"
                    c += 1
            clause.append(c)
            sent.append(s)
            prev_end = spans[k][2]
        self.clause, self.sent = clause, sent
        # a sentence that ends in "?" asks: it reports nothing
        self.question = set()
        for k in range(len(spans)):
            nxt = spans[k + 1][1] if k + 1 < len(spans) else len(text)
            if "?" in text[spans[k][2] : nxt]:
                self.question.add(sent[k])

    def _match(self) -> None:
        tokens, n, k = self.tokens, len(self.tokens), 0
        while k < n:
            step = 1
            for phrase, features in _INDEX.get(tokens[k], ()):
                m = len(phrase)
                if tuple(tokens[k : k + m]) == phrase:
                    if features != {"NEUTRAL"}:
                        self._add(_Hit(features, k, k + m))
                    step = m
                    break
            k += step
        for k in range(1, n):
            # contractions: "didn't" is tokenised "didn", "t"
            if (
                tokens[k] == "t"
                and tokens[k - 1].endswith("n")
                and self.text[self.ends[k - 1] : self.starts[k]] in ("'", "\u2019")
            ):
                self._add(_Hit(frozenset(["NEG"]), k - 1, k + 1))
        for k, tok in enumerate(tokens):
            # "shot the missile ... down": a verb and its particle apart
            if tok in ("shot", "shoot", "shoots", "shooting") and "down" in tokens[k + 2 : k + 6]:
                d = tokens.index("down", k + 2)
                if self.clause[d] == self.clause[k]:
                    self._add(_Hit(frozenset(["SHOTDOWN"]), k, d + 1))

    def _add(self, hit: _Hit) -> None:
        self.hits.append(hit)
        for f in hit.features:
            self.by_feature.setdefault(f, []).append(hit)

    def _add_weapons(self) -> None:
        self.weapons = find_weapons(self.text)
        for w in self.weapons:
            i = bisect_left(self.ends, w.start + 1)
            j = bisect_right(self.starts, w.end - 1)
            if i >= j:
                continue
            features = {"W"}
            if w.weapon_class in _AERIAL:
                features.add("W_AERIAL")
            if w.weapon_class in _FIRING_WEAPONS and w.text.lower().endswith(_MUNITION_SUFFIXES):
                features.add("W_MUNITION")  # "Smerch rocket": the round a launcher fires, not the launcher
            elif w.weapon_class in _MIL_KIT or w.text.lower().endswith(_KIT_SUFFIXES):
                features.add("W_KIT")
                features.add("W_UNIT")
            elif w.weapon_class in ("drone", "naval_drone"):
                features.add(
                    "W_UNIT"
                )  # seen or moving, as a unit is; not a loss when "destroyed" (that is an interception)
            if w.weapon_class in _MUNITIONS:
                features.add("W_MUNITION")
            self._add(_Hit(frozenset(features), i, j, w.weapon_class))

    # ----- queries
    def get(self, feature: str) -> list[_Hit]:
        return self.by_feature.get(feature, [])

    def tok(self, hit: _Hit) -> str:
        return self.tokens[hit.i]

    def near(self, feature: str, hit: _Hit, before: int = 5, after: int = 5, same_clause: bool = True) -> list[_Hit]:
        """Hits of a feature with at most `before` tokens between them and the hit (or `after`, when they
        follow it), overlapping hits included, in the same sentence (and clause, unless told otherwise)."""
        out = []
        for h in self.by_feature.get(feature, ()):
            if h is hit:
                continue
            if h.j <= hit.i:
                ok = hit.i - h.j <= before
            elif h.i >= hit.j:
                ok = h.i - hit.j <= after
            else:
                ok = True
            if ok and self.sent[h.i] == self.sent[hit.i] and (not same_clause or self.same_clause(h, hit)):
                out.append(h)
        return out

    def same_clause(self, a: _Hit, b: _Hit) -> bool:
        lo, hi = (a, b) if a.i <= b.i else (b, a)
        return self.clause[min(lo.j, hi.i) - 1 if lo.j > hi.i else lo.j - 1] == self.clause[hi.i]

    def preceded(self, feature: str, hit: _Hit, window: int) -> _Hit | None:
        """The nearest hit of a feature ending fewer than `window` tokens before the hit, same clause."""
        best = None
        for h in self.by_feature.get(feature, ()):
            if h.j <= hit.i and hit.i - h.j < window and self.clause[h.j - 1] == self.clause[hit.i]:
                if best is None or h.j > best.j:
                    best = h
        return best

    def negated(self, hit: _Hit) -> bool:
        neg = self.preceded("NEG", hit, _NEG_WINDOW)
        if (
            neg
            and not (self.tokens[neg.i] == "no" and neg.j < len(self.tokens) and self.tokens[neg.j][0].isdigit())
            and not self._claimed_between(neg, hit)
        ):
            return True  # ("School No. 6" is a number, not a negation)
        # "have not been directly involved in the fighting": "not" reaches further than "no"
        neg = self.preceded("NEG", hit, _NEG_WINDOW + 3)
        if neg and self.tokens[neg.i] in _NOT_WORDS and not self._claimed_between(neg, hit):
            return True
        # "... are not anticipated", "... have not been reported"
        for h in self.by_feature.get("NEG", ()):
            if (
                hit.j <= h.i < hit.j + 3
                and self.clause[h.i] == self.clause[hit.j - 1]
                and self.tokens[h.i] in _POST_NOT_WORDS
            ):
                return True
        return False

    def _claimed_between(self, neg: _Hit, hit: _Hit) -> bool:
        """'has not claimed responsibility for the attack': the negation is the claim's, not the attack's."""
        return any(
            neg.j <= h.i and h.j <= hit.i
            for f in ("RESP", "ACCUSE", "THREAT", "TALKS")
            for h in self.by_feature.get(f, ())
        )

    def hedged(self, hit: _Hit) -> bool:
        if self.preceded("HEDGE", hit, _HEDGE_WINDOW) is not None or self.sent[hit.i] in self.question:
            return True
        # "the attacks would come deeper": a modal right after the cue
        return (
            any(t in _MODALS for t in self.window(hit.j, hit.j + 2))
            and self.clause[min(hit.j, len(self.tokens) - 1)] == self.clause[hit.i]
        )

    def background(self, hit: _Hit) -> bool:
        """'since Ukrainian troops reclaimed the areas', 'at the start of the invasion', 'in recent months'."""
        if self.preceded("SINCE", hit, 5) is not None:
            return True
        first = self.sent.index(self.sent[hit.i])
        if self.tokens[first] in ("after", "before", "since") and self.clause[hit.i] == self.clause[first]:
            return True  # "After Ukrainian forces retook Kherson, ..."
        return any(
            self.clause[h.i] == self.clause[hit.i] and self.sent[h.i] == self.sent[hit.i]
            for h in self.by_feature.get("BACKGROUND", ())
        )

    def real(self, hit: _Hit) -> bool:
        """Reported as happening: not negated, hedged, asked, or background."""
        return not (self.negated(hit) or self.hedged(hit) or self.background(hit))

    def weapon_before(self, hit: _Hit, window: int = 4) -> _Hit | None:
        return self.preceded("W", hit, window) or next(
            (h for h in self.by_feature.get("W", ()) if h.i < hit.i < h.j), None
        )

    def weapon_after(self, hit: _Hit, window: int = 5) -> _Hit | None:
        """A weapon after the cue that is its instrument: 'hit by a missile', 'attacks from MLRS',
        'launched 69 missiles' -- not its target ('struck a Russian Tor system')."""
        launch = "LAUNCH_V" in hit.features or "USE" in hit.features
        for h in self.by_feature.get("W", ()):
            if hit.j <= h.i <= hit.j + window and self.clause[h.i] == self.clause[hit.j - 1]:
                between = self.tokens[hit.j : h.i]
                if any(t in _INSTRUMENT for t in between):
                    return h
                if launch and not any(t in _LOCATIVE for t in between):
                    return h
        return None

    def weapon_of(self, hit: _Hit, before: int = 4, after: int = 5) -> _Hit | None:
        return self.weapon_before(hit, before) or self.weapon_after(hit, after)

    def span(self, a: _Hit, b: _Hit | None = None) -> tuple[int, int]:
        if b is None or self.sent[a.i] != self.sent[b.i]:
            return self.starts[a.i], self.ends[a.j - 1]
        i, j = min(a.i, b.i), max(a.j, b.j)
        if j - i > 10:  # far apart: the anchor alone is the cue
            return self.starts[a.i], self.ends[a.j - 1]
        return self.starts[i], self.ends[j - 1]

    def has_number(self, hit: _Hit | None = None) -> bool:
        ks = (
            range(len(self.tokens))
            if hit is None
            else [k for k in range(len(self.tokens)) if self.sent[k] == self.sent[hit.i]]
        )
        return any(self.tokens[k][0].isdigit() or self.tokens[k] in _NUMBER_WORDS for k in ks)

    def window(self, i: int, j: int) -> list[str]:
        return self.tokens[max(0, i) : max(0, j)]

    def capitalised_after(self, hit: _Hit, n: int = 3) -> bool:
        """A proper name follows within n tokens, same clause ('captured Soledar', 'battle for Bakhmut')."""
        for k in range(hit.j, min(hit.j + n, len(self.tokens))):
            if self.clause[k] != self.clause[hit.j - 1]:
                return False
            if self.text[self.starts[k]].isupper():
                return True
        return False

    def nationality_near(self, hit: _Hit, before: int = 3) -> bool:
        return any(t in _NATIONALITY for t in self.window(hit.i - before, hit.i))


# Word sets the rules below test tokens against (one place each, precompiled).
_KIT_SUFFIXES = ("system", "systems", "launcher", "launchers", "complex")
_MUNITION_SUFFIXES = ("rocket", "rockets", "missile", "missiles", "shell", "shells", "munition", "munitions")
_NOT_WORDS = frozenset("not never didn hasn haven wasn weren isn aren hadn".split())
_POST_NOT_WORDS = frozenset("not didn wasn weren isn aren hasn haven".split())
_ATTACK_OUTCOME_VERBS = frozenset("hits hit killed damaged destroyed injured".split())
_ATTACK_MODIFIERS = frozenset(
    "massive new latest overnight night deadly russian ukrainian second first double direct reported alleged "
    "recent".split()
)
_DETERMINERS = frozenset("the a this that of".split())
_OUTCOME_FEATURES = ("KILL", "INJURE", "DAMAGE", "EXPLOSION", "OUTAGE", "AFTERMATH", "FIRE_DMG")
_STRIKE_VERBS = frozenset("struck striking attacked attacking impacted impacting direct".split())
_NEEDS_SOLDIERS = frozenset(
    "advance advanced advances advancing gains engaged engaging storm storming stormed assault assaults assaulted "
    "assaulting repel repelled repels repelling".split()
)
_BATTLE_PREPS = frozenset("for of around near in at on".split())
_NOT_A_BATTLEFIELD = frozenset("ukraine russia europe the words ideas".split())
_FIGHT_WORDS = frozenset("fighting fought battling battled battle battles".split())
_WEAK_FIGHT = frozenset("gains advance advanced advances engaged engaging combat".split())
_ADJECTIVE_PREV = frozenset("the in of newly recently temporarily from those these and to".split()) | {
    ""
}  # "": first word
_NEEDS_AERIAL = frozenset(
    "neutralised neutralized neutralising neutralizing downed downing intercept intercepts".split()
)
_AIRCRAFT_WORDS = frozenset("jet jets plane planes aircraft aircrafts".split())
_RUN_OVER = frozenset("ran runs run crushed rammed".split())
_BEATING = frozenset("beat beating beatings beaten kicked stomped abuse abused".split())
_TARGET_PREPS = frozenset("of on at against in".split())
_OUTAGE_ALONE = frozenset("blackout blackouts rolling de emergency".split())
_NOT_UNITS = frozenset("positions position ammunition base headquarters".split())
_MOVEMENT_NOUNS = frozenset("movement movements reinforcement reinforcements checkpoint checkpoints".split())
_WEAK_MOVES = frozenset(
    "seen spotted observed sighted presence stationed positioned parked camp camps left leaving crossing crossed "
    "enter entered entering approach approached approaching rolling carrying loaded loads unloaded unloading "
    "operating active drove driving".split()
)
_TRAINERS = frozenset(
    "uk british us american nato german germany britain poland eu lead leads program programme instructors western "
    "allies".split()
)
_EXERCISES = frozenset("training exercise exercises drill drills".split())
_PRESENCE_PREPS = frozenset("in at near along on outside around".split())
_AFTER_TROOPS = frozenset("in at near around outside".split())
_TALK_WORDS_NEED_PARTY = frozenset(
    "meeting meetings met meet meets conversation discuss discussed discusses discussing discussion discussions "
    "visit visited visits visiting diplomatic talked talk talks".split()
)
_AGREEMENT_NOUNS = frozenset(
    "deal ceasefire cease truce armistice accord pact treaty memorandum agreement agreements".split()
)
_AGREEMENT_VERBS = frozenset(
    "signed sign agreed reached struck concluded extended announced brokered declared renewed entered agree".split()
)
_INVESTIGATIVE = frozenset(
    "icc prosecutor prosecutors indict indicted indictment exhume exhumed exhumation exhumations international "
    "arrest".split()
)
_DISPERSAL_WORDS = frozenset("dispersal dispersed disperse dispersing tear".split())
_CYBER_TARGETS = frozenset(
    "website websites servers systems accounts account network networks tv channel channels database email emails "
    "broadcast".split()
)
_REMNANT_ALONE = frozenset(
    "remnant remnants unexploded uxo shrapnel rocket tail cargo cassette casette remainings".split()
)
_NEEDS_MUNITION = frozenset("found discovered recovered placed planted laid lying in".split())
_WENT_OFF = frozenset(
    "stepped hit exploded detonated blew blown went triggered killed injured wounded explosion struck thrown threw "
    "dropped hurled".split()
)


# --- Rules --------------------------------------------------------------------------------------


class _Found:
    """Collects matches: one per subtype, the strongest kept."""

    def __init__(self, s: _Sentence):
        self.s = s
        self.best: dict[str, tuple[float, int, int]] = {}

    def add(self, subtype: str, score: float, a: _Hit, b: _Hit | None = None) -> None:
        start, end = self.s.span(a, b)
        old = self.best.get(subtype)
        if old is None or score > old[0]:
            self.best[subtype] = (score, start, end)

    def __contains__(self, subtype: str) -> bool:
        return subtype in self.best

    def any(self, subtypes) -> bool:
        return any(st in self.best for st in subtypes)

    def drop(self, *subtypes: str) -> None:
        for st in subtypes:
            self.best.pop(st, None)

    def matches(self) -> list[TypeMatch]:
        out = []
        for subtype, (score, start, end) in self.best.items():
            row = by_subtype(subtype)
            out.append(TypeMatch(row.type, subtype, self.s.text[start:end], start, end, round(min(score, 1.0), 2)))
        out.sort(key=lambda m: (m.start, -m.score))
        return out


_VIOLENT = frozenset(row.subtype for row in EVENT_TYPES if row.violent)
_REMOTE = _REMOTE_BY_WEAPON_SET | {"strike"}
_VIOLENT_CUES = ("ATTACK_N", "HIT_V", "SHELLING", "AIRSTRIKE", "FIGHT", "LAUNCH_V", "CAPTURE", "MOBILISE", "EXPLOSION")


def _threat_from_hedge(s: _Sentence, f: _Found, hit: _Hit) -> None:
    """A hedged violent cue with a warning word near it is a threat or warning."""
    if s.negated(hit):
        return
    threat = [
        h
        for h in s.near("THREAT", hit, before=12, after=6, same_clause=False)
        if s.tok(h) not in ("threat", "threats") or h.j <= hit.i
    ]
    if threat:
        f.add("threat", 0.7, threat[0], hit)


def _remote_of(weapon: _Hit | None) -> str | None:
    return REMOTE_BY_WEAPON.get(weapon.weapon_class or "") if weapon is not None else None


def _anchored_attack(s: _Sentence, hit: _Hit) -> bool:
    """A bare 'strike'/'attack' that reports one: with a target, a count, a place, or an outcome."""
    after = s.window(hit.j, hit.j + 2)
    if any(t in _LOCATIVE for t in after) or (after and after[0] in _ATTACK_OUTCOME_VERBS):
        return True
    before = s.window(hit.i - 2, hit.i)
    if before and (before[-1][0].isdigit() or before[-1] in _NUMBER_WORDS or before[-1] in _ATTACK_MODIFIERS):
        return True
    if hit.i and s.text[s.starts[hit.i - 1]].isupper() and s.tokens[hit.i - 1] not in _DETERMINERS:
        return True  # "the Makiivka attack"
    if hit.i == 0 or s.sent[hit.i - 1] != s.sent[hit.i]:
        return True  # a headline or caption that starts with it: "Strike on bridge", "Strikes hit Kyiv"
    return any(s.near(o, hit, before=8, after=8, same_clause=False) for o in _OUTCOME_FEATURES)


def _ground_target(s: _Sentence, hit: _Hit) -> bool:
    """By or on ground forces: 'attacked Ukrainian positions', 'troops attacked'."""
    return bool(s.near("POSITIONS", hit, before=0, after=5) or s.near("MIL", hit, before=4, after=5))


def _struck_object(s: _Sentence, hit: _Hit) -> bool:
    """A bare 'hit'/'struck'/'targeted' that reports a strike: passive, or with a building or facility as object."""
    tok = s.tok(hit)
    objects = (
        s.near("CIV_OBJ", hit, before=4, after=4)
        + s.near("MIL_OBJ", hit, before=4, after=4)
        + s.near("W_KIT", hit, 4, 4)
        + s.near("POSITIONS", hit, 4, 4)  # "Russian positions targeted": a strike on troops dug in
    )
    passive = hit.i > 0 and s.tokens[hit.i - 1] in _AUX
    object_first = any(h.j <= hit.i and hit.i - h.j <= 2 for h in objects)  # "Civilian house hit", "TV tower targeted"
    if (passive or object_first) and (objects or s.near("CIV", hit, before=4, after=0)):
        return True
    if tok.startswith("target") and objects:
        return True
    if tok in ("struck", "striking") and s.near("MIL", hit, before=4, after=0) and _names_next(s, hit):
        return True  # "Russian forces struck Kramatorsk": forces striking a named place
    return bool(objects) and (
        bool(s.get("W")) or bool(s.get("ATTACK_N")) or bool(s.get("EXPLOSION")) or tok in _STRIKE_VERBS
    )


def _names_next(s: _Sentence, hit: _Hit) -> bool:
    """Whether a capitalised name (a place, most often) follows the hit word: "struck Kramatorsk"."""
    k = hit.j
    return k < len(s.tokens) and s.text[s.starts[k]:s.starts[k] + 1].isupper()


def _remote(s: _Sentence, f: _Found) -> None:
    """Explosions and remote violence, at the finest subtype the words support."""
    found: list[tuple[str, float, _Hit, _Hit | None]] = []

    for hit in s.get("AIRSTRIKE"):
        if not s.real(hit):
            _threat_from_hedge(s, f, hit)
            continue
        w = s.weapon_of(hit, 3)
        found.append(("chemical_weapon" if _remote_of(w) == "chemical_weapon" else "air_strike", 0.9, hit, w))
    for hit in s.get("SHELLING"):
        tok = s.tok(hit)
        if tok in ("shell", "shells") and (s.get("SUPPLY") or s.get("MILAID") or s.get("REMNANT")):
            continue  # "sent 155mm shells", "shell fragments": the munition, not an attack
        if not s.real(hit):
            _threat_from_hedge(s, f, hit)
            continue
        w = s.weapon_of(hit, 3)
        sub = _remote_of(w)
        found.append((sub if sub in ("air_strike", "chemical_weapon") else "shelling", 0.9, hit, w))
    for hit in s.get("ATTACK_N") + s.get("FIRE_N"):
        fire = "ATTACK_N" not in hit.features
        w = s.weapon_of(hit, 3)
        if not s.real(hit):
            if w or not fire:
                _threat_from_hedge(s, f, hit)
            continue
        sub = _remote_of(w)
        if sub:
            found.append((sub, 0.85, hit, w))
        elif w is not None and w.weapon_class in _GROUND_WEAPONS:
            found.append(("armed_clash", 0.6, hit, w))  # "tank fire", "an ATGM attack"
        elif fire:
            continue  # "fire" alone is a blaze, read by the damage rule
        elif s.tok(hit).startswith("attack") and (
            s.near("POSITIONS", hit, 0, 5)
            or s.window(hit.i - 1, hit.i)
            in (["ground"], ["infantry"], ["troops"], ["tank"], ["armoured"], ["armored"], ["amphibious"])
        ):
            found.append(("armed_clash", 0.55, hit, None))
        elif _anchored_attack(s, hit):
            # no weapon beside it: one named elsewhere in the clause ("UAVs were responsible for the strike")
            w = next((h for h in s.near("W", hit, 10, 6) if _remote_of(h)), None)
            found.append((_remote_of(w), 0.7, hit, w) if w else ("strike", 0.6, hit, None))
    for hit in s.get("HIT_V") + s.get("LAUNCH_V") + s.get("FIRE_AT") + s.get("USE") + s.get("INFLIGHT"):
        w = s.weapon_of(hit, 4, 6)
        sub = _remote_of(w)
        if (
            "USE" in hit.features
            and "LAUNCH_V" not in hit.features
            and (w is None or w.weapon_class not in _USED_MUNITIONS)
        ):
            continue
        if "INFLIGHT" in hit.features and (w is None or "W_AERIAL" not in w.features):
            continue
        if not s.real(hit):
            if sub:
                _threat_from_hedge(s, f, hit)
            continue
        if sub:
            first, second = (w, hit) if w.i < hit.i else (hit, w)
            found.append((sub, 0.6 if "INFLIGHT" in hit.features else 0.8, first, second))
        elif w is not None and w.weapon_class in _GROUND_WEAPONS:
            civ = s.near("CIV", hit, 0, 6) or s.near("CIV_OBJ", hit, 0, 6)
            found.append(
                (
                    "attack"
                    if civ and not _ground_target(s, hit) and w.weapon_class == "small_arms"
                    else "armed_clash",
                    0.6,
                    hit,
                    w,
                )
            )
        elif (
            "FIRE_AT" in hit.features
            and s.tok(hit) in ("fire", "fires", "fired")
            and not (s.near("MIL", hit, 4, 0) or s.near("W", hit, 4, 0))
        ):
            continue  # "Fire at a warehouse": a blaze, not shooting
        elif "FIRE_AT" in hit.features:
            civ = s.near("CIV", hit, 5, 6) or s.near("CIV_OBJ", hit, 0, 6)
            found.append(("fire_at", 0.55 if civ else 0.5, hit, civ[0] if civ else None))
        elif "HIT_V" in hit.features and _struck_object(s, hit):
            found.append(("strike", 0.5, hit, None))
    for hit in s.get("EXPLOSION"):
        if not s.real(hit):
            continue
        w = s.weapon_of(hit, 3)
        if _remote_of(w):
            found.append((_remote_of(w), 0.7, hit, w))
    for hit in _firing_positions(s):
        w = s.weapon_before(hit, 2)
        found.append((_remote_of(w) or "shelling", 0.5, hit, w))
    # a weapon with a toll and nothing else: "Grad rockets killed two"
    for w in s.get("W"):
        sub = _remote_of(w)
        if sub and s.real(w):
            k = [
                h
                for h in s.near("KILL", w, before=0, after=4) + s.near("INJURE", w, 0, 4)
                if s.tok(h) not in ("dead", "lives", "deceased")
            ]
            if k:
                found.append((sub, 0.7, w, k[0]))

    remote = any(sub in _REMOTE_BY_WEAPON_SET for sub, *_ in found)
    for subtype, score, a, b in found:
        if subtype == "fire_at":
            if remote:
                continue
            civ = b is not None and not _ground_target(s, a)
            f.add("attack" if civ else "armed_clash", score, a, b)
        elif subtype == "strike" and remote:
            continue
        else:
            f.add(subtype, score, a, b)


def _firing_positions(s: _Sentence) -> list[_Hit]:
    """Where guns or launchers fire from, seen: "firing positions", "launch sites", "MLRS positions".
    A position exists because it fires, so seeing one reports the shelling (from its launch side)."""
    out = [h for h in s.get("FIRING_POS") if s.real(h)]
    for h in s.get("POSITIONS"):
        w = s.weapon_before(h, 1)
        if w is not None and w.weapon_class in _FIRING_WEAPONS and s.tok(h).startswith("position") and s.real(h):
            out.append(h)
    return out


def _battle(s: _Sentence, f: _Found) -> None:
    for hit in s.get("FIGHT"):
        tok = s.tok(hit)
        if not s.real(hit):
            _threat_from_hedge(s, f, hit)
            continue
        soldiers = s.near("MIL", hit, 6, 6) or s.near("POSITIONS", hit, 6, 6) or s.near("W", hit, 6, 6)
        if tok in _NEEDS_SOLDIERS:
            if not (soldiers or s.capitalised_after(hit)):
                continue
            if tok.startswith("assault") and s.near("CIV", hit, 2, 6) and not s.near("MIL", hit, 2, 6):
                f.add("attack", 0.55, hit)
                continue
        if tok in ("battle", "battles"):
            nxt = s.window(hit.j, hit.j + 1)
            place = s.window(hit.j + 1, hit.j + 2)
            if not (nxt and nxt[0] in _BATTLE_PREPS or soldiers):
                continue
            if place and place[0] in _NOT_A_BATTLEFIELD:
                continue
        if tok in ("offensive", "offensives") and not (soldiers or s.capitalised_after(hit) or s.nationality_near(hit)):
            continue
        if tok in _FIGHT_WORDS and (s.near("ATTACK_N", hit, 0, 2) or s.near("W", hit, 0, 2)):
            continue  # "battle Russian missile strikes": defence against an attack, not a clash
        if tok in ("fighting", "fought") and not (
            soldiers
            or s.capitalised_after(hit)
            or s.window(hit.j, hit.j + 1) in (["in"], ["around"], ["near"], ["at"], ["for"], ["on"], ["between"])
        ):
            continue  # "we are fighting and will continue to fight"
        weak = tok in _WEAK_FIGHT
        f.add("armed_clash", 0.5 if weak else 0.8, hit)
    for hit in s.get("REGAIN"):
        if not s.real(hit) or _adjectival(s, hit):
            if s.hedged(hit):
                _threat_from_hedge(s, f, hit)
            continue
        f.add("territory_regained", 0.8, hit)
    for hit in s.get("CAPTURE"):
        tok = s.tok(hit)
        if not s.real(hit) or _adjectival(s, hit):
            if s.hedged(hit):
                _threat_from_hedge(s, f, hit)
            continue
        if tok == "occupied" and not (hit.i and s.tokens[hit.i - 1] in _AUX):
            continue
        if tok in ("take", "takes", "took") and not s.near("MIL", hit, 3, 0):
            continue
        if s.window(hit.i, hit.j) == ["taken", "by"] and not s.near("MIL", hit, 0, 3):
            continue  # "images taken by a satellite company"
        people = s.near("MIL", hit, before=0, after=4) + s.near("CIV", hit, before=0, after=4)
        kit = s.near("W_KIT", hit, before=0, after=4) + s.near("EQUIP", hit, before=0, after=4)
        kit_subject = s.near("W_KIT", hit, before=3, after=0) + s.near("EQUIP", hit, before=3, after=0)
        if people and any(s.tok(h) in _PRISONER_WORDS for h in people):
            f.add("taken_prisoner", 0.7, hit)
            continue
        if (kit and tok.startswith(("captur", "seiz"))) or (kit_subject and tok in ("captured", "seized", "taken")):
            f.add("equipment_captured", 0.7, hit)
            continue
        if not (
            s.capitalised_after(hit, 4)
            or s.near("CIV_OBJ", hit, 0, 4)
            or s.near("MIL_OBJ", hit, 0, 4)
            or any(t in _TERRITORY_NOUNS for t in s.window(hit.j, hit.j + 3))
        ):
            continue
        side = s.window(hit.i - 6, hit.i)
        regained = any(t in _UKRAINE for t in side) and not any(t in _RUSSIA for t in side)
        f.add("territory_regained" if regained else "territory_captured", 0.75, hit)


_PRISONER_WORDS = frozenset(
    "soldier soldiers troops troop servicemen serviceman fighters marines paratroopers personnel defenders men "
    "crew crews pilot pilots officer officers commander commanders conscripts".split()
)
_TERRITORY_NOUNS = frozenset(
    "areas area territories territory regions region lands towns town villages village settlements settlement parts "
    "city cities oblasts oblast district districts crimea donbas south east".split()
)


def _adjectival(s: _Sentence, hit: _Hit) -> bool:
    """'the de-occupied areas', 'in captured territories': a participle used as an adjective."""
    nxt = s.tokens[hit.j] if hit.j < len(s.tokens) else ""
    prev = s.tokens[hit.i - 1] if hit.i else ""
    participle = s.tokens[hit.j - 1].endswith("ed") or s.tok(hit) == "de"
    return participle and nxt in _TERRITORY_NOUNS and prev in _ADJECTIVE_PREV


def _air_defence(s: _Sentence, f: _Found) -> None:
    for hit in s.get("SHOTDOWN"):
        if not s.real(hit):
            continue
        if s.tok(hit) in _NEEDS_AERIAL:
            if not (
                s.near("W_AERIAL", hit, 6, 6)
                or s.near("AIRDEF", hit, 8, 8)
                or s.near("W", hit, 6, 6)
                or any(s.tokens[h.j - 1] in _AIRCRAFT_WORDS for h in s.near("EQUIP", hit, 6, 6))
            ):
                continue
        f.add("interception", 0.9, hit)
    for hit in s.get("AIRDEF"):
        if not s.real(hit):
            continue
        act = s.near("AIRDEF_ACT", hit, before=0, after=3)
        destroyed = [h for h in s.near("DAMAGE", hit, before=0, after=4) if s.tok(h).startswith("destroy")]
        if act or (destroyed and s.near("W_AERIAL", hit, 0, 8)):
            f.add("interception", 0.75, hit, (act or destroyed)[0])
    for hit in s.get("ALERT"):
        if s.negated(hit):
            continue
        tok = s.tok(hit)
        if tok in ("alert", "alerts") and "air" not in s.window(hit.i - 3, hit.i):
            continue
        if tok in ("siren", "sirens") and s.hedged(hit):
            continue
        f.add("air_alert", 0.9 if tok not in ("siren", "sirens") else 0.6, hit)


def _people(s: _Sentence, f: _Found) -> None:
    """Violence against civilians by other means than remote weapons."""
    for hit in s.get("EXECUTE"):
        if not s.real(hit):
            continue
        tok = s.tok(hit)
        mil = s.near("MIL", hit, 4, 5)
        pows = s.near("POW", hit, 4, 5)
        civ = s.near("CIV", hit, 5, 6) + s.near("BODY", hit, 5, 6)
        if tok in _RUN_OVER:
            if civ or [h for h in s.near("CIV_OBJ", hit, 0, 4) if s.tok(h) in ("car", "cars", "vehicle", "vehicles")]:
                f.add("attack", 0.6, hit)
            continue
        if tok in _BEATING and not (civ or mil or pows):
            continue
        if tok.startswith("execut") and not (civ or mil or pows or tok.startswith("execution")):
            continue
        if pows:
            f.add("taken_prisoner", 0.6, hit)
        f.add("attack" if civ or not (mil or pows) else "armed_clash", 0.8 if civ or not mil else 0.5, hit)
    for hit in s.get("ABDUCT"):
        if s.real(hit):
            f.add("abduction", 0.85, hit)
    for hit in s.get("SEXUAL"):
        if s.real(hit):
            f.add("sexual_violence", 0.85, hit)
    shotdown = s.get("SHOTDOWN")
    for hit in s.get("SHOOT"):
        tok = s.tok(hit)
        if not s.real(hit) or (tok == "shots" and s.near("DISPERSE", hit, 3, 3)):
            continue
        if any(h.i <= hit.i < h.j or (h.i >= hit.j and s.sent[h.i] == s.sent[hit.i]) for h in shotdown):
            continue  # "shot the missile ... out of the sky"
        civ = s.near("CIV", hit, 5, 6) + s.near("CIV_OBJ", hit, 0, 5) + s.near("BODY", hit, 5, 6)
        mil = s.near("MIL", hit, 5, 6) + s.near("POSITIONS", hit, 0, 5)
        if tok == "shot" and not (civ or mil):
            continue
        if civ and not (mil and not s.near("CIV", hit, 5, 6)):
            f.add("attack", 0.7, hit)
        elif mil:
            f.add("armed_clash", 0.6, hit)


# Deaths that are no violence: "Five killed in car crash".
_ACCIDENT = re.compile(
    r"\b(?:crash|crashes|accident|accidents|collision|traffic|drown(?:ed|s|ing)?|earthquake|flood(?:s|ing)?|"
    r"avalanche|overdose|heatwave|storm)\b",
    re.IGNORECASE,
)


def _counted(s: _Sentence, hit) -> bool:
    """A count stands right before the word: "10 killed", "Nine wounded"."""
    return hit.i > 0 and (s.tokens[hit.i - 1][0].isdigit() or s.tokens[hit.i - 1] in _NUMBER_WORDS)


def _killed(s: _Sentence, f: _Found) -> None:
    """Dead and wounded with no attack word: an attack on civilians, or a loss of soldiers."""
    if f.any(_VIOLENT) or s.get("W") or s.get("SHOTDOWN"):
        return
    for hit in s.get("KILL") + s.get("INJURE"):
        tok = s.tok(hit)
        if not s.real(hit) or tok in ("lives", "death", "deaths", "death toll"):
            continue
        mil = s.near("MIL", hit, 6, 6)
        civ = s.near("CIV", hit, 6, 6)
        if tok in ("dead", "deceased"):
            if civ and not mil:
                f.add("bodies_found", 0.5, hit, civ[0])
            elif mil and not civ:
                f.add("personnel_losses", 0.5, hit, mil[0])
            elif _counted(s, hit):
                f.add("attack", 0.4, hit)  # "One dead"
            continue
        if tok in ("died", "die", "dies", "dying") and not (civ or mil):
            continue
        if not (civ or mil):
            if _counted(s, hit) and not (s.get("MIL") or s.get("CIV")) and not _ACCIDENT.search(s.text):
                f.add("attack", 0.4, hit)  # "10 killed as ...": people, whoever they were
            continue
        if civ and not mil:
            f.add("attack", 0.5, hit, civ[0])
        elif mil and not civ:
            f.add("personnel_losses", 0.5, hit, mil[0])
        elif civ:
            f.add("attack", 0.4, hit)
    for hit in s.get("LOSS"):
        people = s.near("MIL", hit, 3, 4) or s.tok(hit) != "lost" and s.nationality_near(hit, 1)  # "Russian losses"
        if (
            s.tok(hit) in ("loss", "losses", "lost")
            and s.real(hit)
            and people
            and not (s.near("EQUIP", hit, 3, 4) or s.near("W_KIT", hit, 3, 4))
        ):
            f.add("personnel_losses", 0.5, hit)


def _casualties(s: _Sentence, f: _Found) -> None:
    """Tolls over a period, bodies found, mass graves."""
    victims = (
        s.get("KILL")
        + s.get("INJURE")
        + s.get("BODY")
        + [h for h in s.get("LOSS") if s.tok(h) in ("lost", "losses", "loss") and s.near("MIL", h, 2, 5)]
    )
    for v in victims:
        if s.negated(v) or not s.has_number(v):
            continue
        marks = [h for h in s.get("TOTAL") + s.get("SINCE") if s.sent[h.i] == s.sent[v.i]]
        marks += [
            h
            for h in s.get("PERIOD")
            if s.sent[h.i] == s.sent[v.i]
            and h.i >= 1
            and (
                s.tokens[h.i - 1] in ("last", "past")
                or h.i >= 2
                and s.tokens[h.i - 2] in ("last", "past", "first")
                and s.tokens[h.i - 1][0].isdigit()
            )
            and s.tok(h) in ("months", "years", "month", "year")
        ]
        if marks:
            f.add("casualty_toll", 0.8, v, marks[0])
            f.drop("attack", "armed_clash", "personnel_losses", "bodies_found")
            return
    for hit in s.get("BODY"):
        if s.real(hit) and not f.any(_REMOTE):
            f.add("bodies_found", 0.6, hit)
    for hit in s.get("GRAVE"):
        if not s.real(hit):
            continue
        tok = s.tok(hit)
        if tok == "mass" or tok.startswith("exhum"):
            f.add("mass_grave", 0.85, hit)
        elif s.tok(hit).startswith(("grave", "burial", "makeshift")):
            f.add("mass_grave", 0.6, hit)


def _infrastructure(s: _Sentence, f: _Found) -> None:
    """Damage to civilian objects and outages; damage to military objects is a military loss."""
    for hit in s.get("DAMAGE") + s.get("FIRE_DMG") + s.get("FIRE_AT"):
        if not s.real(hit):
            continue
        if "FIRE_AT" in hit.features and not (
            s.tok(hit) in ("fire", "fires") and not (s.near("MIL", hit, 4, 0) or s.near("W", hit, 4, 0))
        ):
            continue  # only "Fire at the warehouse", a blaze
        if s.tok(hit) == "fire" and (
            s.near("W", hit, 1, 0) or "FIRE_AT" not in hit.features and s.window(hit.j, hit.j + 1) in (["on"], ["at"])
        ):
            continue  # "artillery fire"
        back = 9 if hit.i and s.tokens[hit.i - 1] in _AUX | {"or", "and"} else 4  # "... were damaged or destroyed"
        energy = s.near("ENERGY", hit, 4, 5)
        civ = s.near("CIV_OBJ", hit, 4, 6)
        kit = (
            s.near("EQUIP", hit, back, 5)
            + s.near("W_KIT", hit, back, 5)
            + [h for h in s.near("MIL_OBJ", hit, back, 5) if "CIV_OBJ" not in h.features]
        )
        civil_mark = s.near("CIVIL_MARK", hit, 4, 6)
        if energy and not civil_mark and not (civ and civ[0].i < energy[0].i):
            f.add("power_outage", 0.7, hit, energy[0])
        if kit and not civil_mark and (not civ or abs(kit[0].i - hit.i) <= abs(civ[0].i - hit.i)):
            f.add("equipment_destroyed", 0.75, hit, kit[0])
        elif civ:
            f.add("damage", 0.8, hit, civ[0])
        elif not energy and not kit and (s.tok(hit) in _BARE_DAMAGE or hit.features & {"FIRE_DMG", "FIRE_AT"}):
            if not s.near("W_AERIAL", hit, 0, 4):  # "destroyed 20 of 25 Shahed drones": an interception
                f.add("damage", 0.45, hit)
    # an object named as hit: "strike on a shopping mall", "Civilian house hit", "school bombed"
    for hit in s.get("HIT_V") + s.get("ATTACK_N") + s.get("SHELLING") + s.get("AIRSTRIKE"):
        if not s.real(hit) or "damage" in f:
            continue
        after = s.near("CIV_OBJ", hit, before=0, after=5)
        if (
            after
            and not ({"HIT_V"} & hit.features)
            and not any(t in _TARGET_PREPS for t in s.window(hit.j, after[0].i))
        ):
            after = []  # "strikes from Ukraine's brigade": not the target
        before = [
            h
            for h in s.near("CIV_OBJ", hit, before=2, after=0)
            if h.j <= hit.i and s.tok(hit) in _PARTICIPLES | {"shelled", "bombed"}
        ]
        objects = after + before
        if objects and "HIT_V" in hit.features and not (_struck_object(s, hit) or s.get("W") or f.any(_REMOTE)):
            continue
        if objects:
            energy = [h for h in objects if "ENERGY" in h.features]
            f.add("power_outage" if energy else "damage", 0.45, hit, objects[0])
    for hit in s.get("HIT_V") + s.get("ATTACK_N") + s.get("SHELLING") + s.get("AIRSTRIKE"):
        if not s.real(hit) or "equipment_destroyed" in f:
            continue
        kit = [h for h in s.near("MIL_OBJ", hit, 0, 4) if not h.features & {"POSITIONS", "CIV_OBJ"}] + s.near(
            "W_KIT", hit, 0, 4
        )
        kit = [
            h
            for h in kit
            if h.i >= hit.j and not any(t in _INSTRUMENT | {"because", "was", "were"} for t in s.window(hit.j, h.i))
        ]
        kit_first = [
            h
            for h in s.near("W_KIT", hit, 3, 0) + s.near("EQUIP", hit, 3, 0)
            if h.j <= hit.i and s.tok(hit) in _PARTICIPLES
        ]
        if (
            kit_first
            and s.weapon_before(hit, 3) is kit_first[0]
            and s.window(hit.i - 1, hit.i) not in (["being"], ["was"], ["were"], ["is"], ["are"])
        ):
            kit_first = []  # "HIMARS hit the bridge": the weapon did the hitting
        if kit or kit_first:
            f.add("equipment_destroyed", 0.55, hit, (kit or kit_first)[0])
    # aftermath of a strike: damage, as the pictures of it show
    for hit in s.get("AFTERMATH"):
        if (
            s.real(hit)
            and "damage" not in f
            and (
                s.get("ATTACK_N")
                or s.get("SHELLING")
                or s.get("AIRSTRIKE")
                or s.get("EXPLOSION")
                or s.get("HIT_V")
                or s.get("FIGHT")
            )
            and s.tok(hit) != "after"
        ):
            f.add("damage", 0.5, hit)
    for hit in s.get("OUTAGE"):
        if not s.real(hit):
            continue
        tok = s.tok(hit)
        for feature, subtype in (
            ("ENERGY", "power_outage"),
            ("WATER", "water_outage"),
            ("HEAT", "heating_outage"),
            ("COMMS", "communications_outage"),
        ):
            targets = s.near(feature, hit, before=3, after=4)
            if not targets:
                continue
            if feature == "HEAT" and tok != "without" and all(s.tok(h) == "heat" for h in targets):
                continue
            f.add(subtype, 0.85, hit, targets[0])
        # the phrase names what went out: "blackouts", "power cuts", "lost power", "have no water"
        words = s.window(hit.i, hit.j)
        if tok in _OUTAGE_ALONE or {"power", "electricity", "light"} & set(words):
            f.add("power_outage", 0.85, hit)
        elif "water" in words:
            f.add("water_outage", 0.85, hit)
        elif "heating" in words:
            f.add("heating_outage", 0.85, hit)


_BARE_DAMAGE = frozenset(
    [
        "damage",
        "destruction",
        "damaged",
        "destroyed",
        "crater",
        "craters",
        "destoryed",
        "on",
        "ablaze",
        "burning",
        "in",
        "burned",
        "burnt",
        "damages",
    ]
)


def _losses(s: _Sentence, f: _Found) -> None:
    """Military equipment captured, abandoned or crashed."""
    for hit in s.get("CAPTURE_EQ") + s.get("CRASH"):
        if not s.real(hit):
            continue
        kit = s.near("EQUIP", hit, 3, 4) + s.near("W_KIT", hit, 3, 4)
        if not kit:
            continue
        if "CRASH" in hit.features:
            f.add("equipment_destroyed", 0.6, hit, kit[0])
        elif "equipment_captured" not in f:
            f.add("equipment_captured", 0.7, hit, kit[0])
    for hit in s.get("LOSS"):
        if not s.real(hit):
            continue
        kit = s.near("EQUIP", hit, 3, 4) + s.near("W_KIT", hit, 3, 4)
        if s.tok(hit) == "lost":  # "lost three tanks", not "lost power"
            kit = [h for h in kit if h.i >= hit.j]
        if kit:
            f.add("equipment_destroyed", 0.6, hit, kit[0])


def _forces(s: _Sentence, f: _Found) -> None:
    for hit in s.get("MOVE"):
        if not s.real(hit):
            continue
        tok = s.tok(hit)
        units = s.near("MIL", hit, 5, 5) + s.near("W_UNIT", hit, 5, 5) + s.near("EQUIP", hit, 5, 5)
        units = [u for u in units if s.tok(u) not in _NOT_UNITS]
        if tok in _MOVEMENT_NOUNS and s.nationality_near(hit, 2):
            f.add("troop_movement", 0.7, hit)
            continue
        if tok in ("convoy", "convoys", "column", "columns"):
            if not (s.near("CIV", hit, 2, 0) or s.near("AID", hit, 3, 0) or s.near("CIVIL_MARK", hit, 2, 0)) and (
                units or s.nationality_near(hit) or not s.get("CIV")
            ):
                f.add("troop_movement", 0.8, hit)
            continue
        if not units:
            continue
        weak = tok in _WEAK_MOVES
        f.add("troop_movement", 0.55 if weak else 0.75, hit, units[0])
    for hit in s.get("TRAIN_V"):
        if not s.real(hit):
            continue
        tok = s.tok(hit)
        if tok in ("train", "trains", "train loads"):
            units = s.near("EQUIP", hit, 8, 8) + s.near("W_KIT", hit, 8, 8) + s.near("MIL", hit, 8, 8)
            if units and (s.near("MOVE", hit, 3, 3) or tok == "train" and s.window(hit.j, hit.j + 1) == ["loads"]):
                f.add("troop_movement", 0.7, hit, units[0])
            continue
        around = s.window(hit.i - 6, hit.j + 6)
        ukrainians = s.near("MIL", hit, 4, 5) and any(t in _UKRAINE for t in around)
        foreign = any(t in _TRAINERS for t in around)
        if ukrainians and foreign:
            f.add("training", 0.8, hit)
        elif s.near("MIL", hit, 5, 5) and tok in _EXERCISES:
            f.add("troop_movement", 0.6, hit)
    for hit in s.get("MOBILISE"):
        if s.near("DRAFT_LAW", hit, 1, 1):
            continue
        if not s.real(hit):
            _threat_from_hedge(s, f, hit)
            continue
        f.add("mobilisation", 0.85, hit)
    for hit in s.get("WITHDRAW"):
        if s.real(hit) and (s.near("MIL", hit, 6, 4) or s.capitalised_after(hit) and s.get("MIL")):
            f.add("withdrawal", 0.75, hit)
    for hit in s.get("SERVICE"):
        if not s.real(hit):
            continue
        w = s.near("W", hit, 8, 8) + s.near("WEAPON_W", hit, 8, 8)
        if w or s.tok(hit) == "combat":
            f.add("weapons_deployment", 0.75, hit, w[0] if w else None)
    for hit in s.get("BASE"):
        if not s.real(hit):
            continue
        base = s.near("BASE_N", hit, 0, 3)
        if base or s.tok(hit) in ("base", "tent", "field"):
            f.add("base_established", 0.7, hit, base[0] if base else None)
    for hit in s.get("FORTIFY"):
        if s.real(hit) and (s.near("MIL", hit, 6, 6) or s.tok(hit).startswith("fortif")):
            f.add("fortification", 0.7, hit)
    for hit in s.get("SUPPLY"):
        # a warship sent somewhere is a deployment, not aid: "sent a frigate to the Atlantic"
        if s.tok(hit) in ("sent", "send", "sends", "sending") and s.real(hit):
            ships = [h for h in s.near("W", hit, 0, 3) if h.weapon_class == "warship"]
            if ships:
                f.add("troop_movement", 0.6, hit, ships[0])


def _presence(s: _Sentence, f: _Found) -> None:
    """A caption that only names troops or military kit in a place: 'Russian tanks in Bucha', 'Tanks at a station'."""
    if f.best or s.get("SUPPLY") or s.get("MILAID") or s.get("WEAPON_W") and s.get("RECIPIENT"):
        return
    kit = s.get("W_UNIT") + [
        h
        for h in s.get("EQUIP")
        if s.tok(h) not in ("equipment", "ammunition", "ammo", "depot")
        or s.window(h.i - 1, h.i) == ["military"]
        or h.j - h.i > 1
    ]
    for hit in kit:
        if not s.real(hit):
            continue
        located = s.window(hit.j, hit.j + 1) and s.tokens[hit.j] in _PRESENCE_PREPS
        if s.nationality_near(hit, 2) and (located or hit.j == len(s.tokens) or s.sent[hit.j] != s.sent[hit.i]):
            f.add("troop_movement", 0.35, hit)
            return
        if located and s.capitalised_after(hit, 2) or located and hit.i == 0:
            f.add("troop_movement", 0.3, hit)
            return
    troops = [h for h in s.get("MIL") if s.tokens[h.j - 1] in _UNIT_NOUNS and s.real(h)]
    for hit in troops:
        nxt = s.window(hit.j, hit.j + 1)
        if s.nationality_near(hit, 2) and nxt and nxt[0] in _AFTER_TROOPS and s.capitalised_after(hit, 2):
            f.add("troop_movement", 0.35, hit)
            return
    for hit in s.get("W_MUNITION") + s.get("MUNITION"):
        if _caption(s) and s.window(hit.j, hit.j + 1) in _LYING_PREPS and s.real(hit):
            f.add("remnants_found", 0.35, hit)  # "A Tochka-U missile in Rovenky": a munition documented where it lies
            return
    if _caption(s):
        for hit in kit + troops:
            if s.real(hit):
                f.add("troop_movement", 0.3, hit)
                return


_LYING_PREPS = (["in"], ["at"], ["near"], ["on"], ["outside"], ["next"], ["inside"])
_UNIT_NOUNS = frozenset(
    "troops soldiers forces fighters units servicemen personnel military army brigade battalion regiment convoy "
    "paratroopers marines kadyrovites chechens".split()
)
_FINITE = frozenset(
    "is are was were has have had said says say will would can could did does do told reported claimed shows show "
    "showed appears appear seems".split()
)


def _caption(s: _Sentence) -> bool:
    """A caption or heading: a short noun phrase with no finite verb ('Row of tanks', 'Military personnel')."""
    return len(s.tokens) <= 12 and not any(t in _FINITE for t in s.tokens) and s.sent[-1] == 0


def _aid(s: _Sentence, f: _Found) -> None:
    """Weapons and military aid: a supply word, a weapon, and a recipient or an aid word."""
    for hit in s.get("MILAID"):
        if not s.negated(hit) and not (s.hedged(hit) and not s.preceded("FUTURE_OK", hit, 3)):
            f.add("weapons_supply", 0.8, hit)
    for hit in s.get("SUPPLY"):
        if s.negated(hit) or s.background(hit):
            continue
        if s.hedged(hit) and not s.preceded("FUTURE_OK", hit, 4):
            continue
        weapons = [
            w
            for w in s.near("W", hit, 3, 8) + s.near("WEAPON_W", hit, 3, 8)
            if w.weapon_class not in ("warship", "nuclear_weapon")
        ]
        if not weapons:
            continue
        if s.near("RECIPIENT", hit, 8, 12, same_clause=False) or s.near("MILAID", hit, 8, 12):
            f.add(
                "weapons_supply", 0.5 if s.tok(hit) in ("announced", "approved", "announce") else 0.75, hit, weapons[0]
            )


def _humanitarian(s: _Sentence, f: _Found) -> None:
    for hit in s.get("EVAC"):
        if not s.negated(hit) and not s.background(hit):
            f.add("evacuation", 0.85, hit)
    for hit in s.get("DISPLACE"):
        if not s.real(hit):
            continue
        tok = s.tok(hit)
        if tok in ("fled", "flee", "flees", "fleeing") and s.near("MIL", hit, 4, 0) and not s.near("CIV", hit, 4, 0):
            f.add("withdrawal", 0.6, hit)
            continue
        if tok == "left" and not s.near("CIV", hit, 12, 0, same_clause=False):
            continue
        f.add("displacement", 0.5 if tok == "left" else 0.75, hit)
    for hit in s.get("AID"):
        if not s.negated(hit):
            f.add("aid", 0.8, hit)


def _politics(s: _Sentence, f: _Found) -> None:
    for hit in s.get("TALKS"):
        tok = s.tok(hit)
        if hit.j - hit.i == 1 and tok in _TALK_WORDS_NEED_PARTY:
            if not (
                s.near("DIPLO", hit, 10, 10, same_clause=False)
                or tok == "talks"
                and s.capitalised_after(hit, 1)
                or tok in ("talks", "talked", "discussed", "met")
                and _named_parties(s, hit) >= 2
            ):
                continue
        if tok in ("summon", "summoned", "summons") and "ambassador" not in s.window(hit.i - 6, hit.j + 6):
            continue
        f.add("talks", 0.8, hit)
    for hit in s.get("AGREE"):
        tok = s.tok(hit)
        if s.negated(hit):
            continue
        if tok in _AGREEMENT_NOUNS:
            verbs = [t for t in s.window(hit.i - 5, hit.j + 5) if t in _AGREEMENT_VERBS]
            if not verbs:
                if tok in ("ceasefire", "truce", "armistice", "cease") and s.get("TALKS"):
                    f.add("talks", 0.6, hit)
                continue
        elif tok in ("sign", "signed", "signs", "signing"):
            if not (s.near("AGREE", hit, 0, 8) or s.get("TALKS") or s.near("DIPLO", hit, 8, 3)):
                continue
        elif not (s.get("TALKS") or s.near("DIPLO", hit, 10, 4, same_clause=False) or _named_parties(s, hit) >= 2):
            continue
        f.add("agreement", 0.75, hit)
    for hit in s.get("SANCTION"):
        tok = s.tok(hit)
        if s.negated(hit) and tok not in ("ban", "bans", "banned"):
            continue
        if tok in ("ban", "bans", "banned") and not (s.get("ECON") or len(s.get("SANCTION")) > 1):
            continue
        f.add("sanctions", 0.85, hit)
    for hit in s.get("ECON"):
        if s.negated(hit):
            continue
        change = s.near("CHANGE", hit, 8, 8, same_clause=False)
        if change:
            f.add("economic_impact", 0.6, hit, change[0])
    for hit in s.get("FINAID"):
        if not s.negated(hit):
            f.add("financial_aid", 0.75, hit)
    for hit in s.get("ANNEX"):
        if not s.negated(hit):
            f.add("annexation", 0.7 if s.real(hit) else 0.4, hit)
    for hit in s.get("WARCRIME"):
        tok = s.tok(hit)
        invest = s.near("INVEST", hit, 8, 8, same_clause=False) + s.near("ARREST", hit, 8, 8, same_clause=False)
        if tok in ("crime", "crimes") and not any(t in ("war", "alleged") for t in s.window(hit.i - 2, hit.i)):
            continue
        if invest or tok in _INVESTIGATIVE:
            f.add("investigation", 0.8, hit)
        elif tok not in ("tribunal", "tribunals"):
            f.add("accusation", 0.45, hit)
    for hit in s.get("EXCHANGE"):
        tok = s.tok(hit)
        if s.negated(hit) or (s.hedged(hit) and not s.preceded("FUTURE_OK", hit, 2)):
            continue
        if hit.j - hit.i == 1:
            pows = s.near("POW", hit, 6, 6)
            if tok in ("freed", "released"):
                if not s.near("POW", hit, 3, 6):
                    continue
            elif not (pows or s.near("MIL", hit, 6, 6) or s.near("BODY", hit, 3, 3)):
                continue
        f.add("prisoner_exchange", 0.85, hit)
    for hit in s.get("POW"):
        tok = s.tok(hit)
        if "prisoner_exchange" in f or not s.real(hit):
            continue
        if tok in ("prisoner", "prisoners") and hit.j - hit.i == 1:
            continue
        mil, civ = s.near("MIL", hit, 6, 4), s.near("CIV", hit, 6, 4)
        if tok.startswith(("captiv", "surrender")) and not (mil or civ or s.near("W", hit, 6, 4)):
            continue
        if civ and not mil and tok.startswith("captiv"):
            f.add("abduction", 0.6, hit)
            continue
        f.add("taken_prisoner", 0.7, hit)
    for hit in s.get("ARREST"):
        tok = s.tok(hit)
        if not s.real(hit) or s.near("WARCRIME", hit, 0, 2):
            continue
        if tok in ("round", "rounded") and not (s.near("CIV", hit, 0, 4) or s.near("MIL", hit, 0, 4)):
            continue
        if s.near("PROTEST", hit, 8, 8, same_clause=False):
            f.add("protest_with_intervention", 0.75, hit)
        f.add("arrest", 0.8, hit)
    for hit in s.get("PROTEST"):
        if not s.real(hit):
            continue
        tok = s.tok(hit)
        if tok in ("protest", "protests", "protested") and s.near("ACCUSE", hit, 4, 4) and not s.get("DISPERSE"):
            continue  # "lodged a protest": a statement
        if tok in ("rally", "rallies") and not (
            s.near("CIV", hit, 6, 6, same_clause=False)
            or s.capitalised_after(hit, 2)
            or s.window(hit.i - 1, hit.i) in (["the"], ["a"])
        ):
            continue
        force = (
            s.near("DISPERSE", hit, 10, 10, same_clause=False)
            + s.near("SHOOT", hit, 8, 8, same_clause=False)
            + [h for h in s.near("EXECUTE", hit, 10, 10, same_clause=False) if s.tok(h) in ("kicked", "beaten", "beat")]
        )
        f.add("protest_with_intervention" if force else "peaceful_protest", 0.75, hit, force[0] if force else None)
    for hit in s.get("DISPERSE"):
        if not s.get("PROTEST") and s.real(hit) and s.tok(hit) in _DISPERSAL_WORDS:
            if s.near("CIV", hit, 6, 6) or s.tok(hit) == "dispersal":
                f.add("protest_with_intervention", 0.6, hit)


def _named_parties(s: _Sentence, hit: _Hit) -> int:
    """Capitalised words around a cue other than the sentence's first: how many parties are named."""
    lo, hi = max(0, hit.i - 10), min(len(s.tokens), hit.j + 10)
    return sum(1 for k in range(lo, hi) if s.text[s.starts[k]].isupper() and k and s.sent[k - 1] == s.sent[k])


def _statements(s: _Sentence, f: _Found) -> None:
    for hit in s.get("THREAT"):
        tok = s.tok(hit)
        if s.negated(hit):
            continue
        window_before = 3 if tok.startswith("expect") or tok == "to" else 10
        violent = [h for feat in _VIOLENT_CUES for h in s.near(feat, hit, window_before, 10, same_clause=False)]
        if tok.startswith(("warn", "predict", "expect")) or tok in ("to", "should"):
            violent = [h for h in violent if s.tok(h) not in ("fall", "launch", "launched")] + [
                w for w in s.near("W", hit, 3, 8, same_clause=False) if s.tok(hit).startswith("warn")
            ]
        if tok in ("threat", "threats") and not (
            s.window(hit.j, hit.j + 1) in (["of"], ["to"], ["that"])
            or s.window(hit.i - 1, hit.i) in (["nuclear"], ["direct"], ["new"], ["renewed"])
        ):
            continue
        if tok.startswith(("warn", "predict", "expect")) or tok in ("to", "should", "threat", "threats"):
            if not violent:
                continue
        f.add("threat", 0.75, hit, violent[0] if violent else None)
    for hit in s.get("ACCUSE"):
        if not s.negated(hit):
            f.add("accusation", 0.6, hit)
    for hit in s.get("RESP"):
        if s.tok(hit) == "denied" or s.real(hit):
            f.add("responsibility", 0.75, hit)


def _other(s: _Sentence, f: _Found) -> None:
    for hit in s.get("NUKE_PLANT"):
        if s.tok(hit) in ("cooling", "radiation", "radioactive") and len(s.get("NUKE_PLANT")) < 2:
            continue
        f.add("plant_safety", 0.8, hit)
    for hit in s.get("CYBER"):
        if not s.real(hit):
            continue
        if s.tok(hit).startswith("hack") and not any(t in _CYBER_TARGETS for t in s.window(hit.i - 5, hit.j + 6)):
            continue
        f.add("cyber_attack", 0.85, hit)
    for hit in s.get("SABOTAGE"):
        if s.real(hit):
            f.add("sabotage", 0.8, hit)
    for hit in s.get("LOOT"):
        if s.real(hit):
            f.add("looting", 0.75, hit)
    munitions = s.get("W_MUNITION") + s.get("MUNITION")
    for hit in s.get("REMNANT"):
        if not s.real(hit):
            continue
        tok = s.tok(hit)
        m = [h for h in munitions if s.sent[h.i] == s.sent[hit.i] and (abs(h.i - hit.j) <= 6 or abs(hit.i - h.j) <= 6)]
        if not m and tok not in _REMNANT_ALONE:
            continue
        if tok in _NEEDS_MUNITION and not m:
            continue
        f.add("remnants_found", 0.7, hit, m[0] if m else None)
    for hit in s.get("DEMINE"):
        if s.real(hit) and (s.tok(hit) != "clearing" or s.near("W", hit, 0, 3) or s.near("MUNITION", hit, 0, 3)):
            f.add("demining", 0.8, hit)


def _mines(s: _Sentence, f: _Found) -> None:
    """A mine, IED or grenade that went off: 'stepped on a mine', 'a car bomb exploded'."""
    for w in s.get("W"):
        if w.weapon_class not in ("mine", "ied", "grenade") or not s.real(w):
            continue
        around = s.window(w.i - 4, w.j + 4)
        went_off = any(t in _WENT_OFF for t in around)
        if went_off and not s.near("DEMINE", w, 6, 6):
            drone = any(d.weapon_class in ("drone", "loitering_munition") for d in s.near("W", w, 6, 6))
            if w.weapon_class == "grenade":
                f.add("air_strike" if drone else "grenade", 0.8, w)
            else:
                f.add("remote_explosive", 0.8, w)


def _explosions(s: _Sentence, f: _Found) -> None:
    """Explosions with no attack named: reported, not yet violence."""
    if f.any(_VIOLENT) or "interception" in f:
        return
    for hit in s.get("EXPLOSION"):
        if s.real(hit) and s.tok(hit) not in ("exploding", "explode", "explodes"):
            f.add("explosion_reported", 0.7, hit)
            return


_RULES = (
    _remote,
    _battle,
    _air_defence,
    _people,
    _mines,
    _killed,
    _casualties,
    _infrastructure,
    _losses,
    _forces,
    _aid,
    _humanitarian,
    _politics,
    _statements,
    _other,
    _explosions,
    _presence,
)


def classify(sentence: str) -> list[TypeMatch]:
    """The event types a sentence reports, each with its cue and a 0..1 score; [] when it reports none."""
    if not sentence or not sentence.strip():
        return []
    s = _Sentence(sentence)
    if not s.hits:
        return []
    f = _Found(s)
    for rule in _RULES:
        rule(s, f)
    _resolve(s, f)
    return f.matches()


def _resolve(s: _Sentence, f: _Found) -> None:
    """Where two rules read the same words, keep the reading the sentence supports."""
    threat = f.best.get("threat")
    if threat:
        # "Further strikes ... should be expected": the strikes are the threat's content, not news
        _, t_start, t_end = threat
        for st in list(f.best):
            if st in _VIOLENT and t_start <= f.best[st][1] < t_end:
                f.drop(st)
    if "interception" in f and not s.get("DAMAGE"):
        f.drop("equipment_destroyed")  # "downed Su-25" is an interception, not a second event
    if "casualty_toll" in f:
        f.drop("bodies_found")
    if "weapons_supply" in f and not s.get("MOVE"):
        f.drop("troop_movement")
    if "prisoner_exchange" in f:
        f.drop("taken_prisoner", "agreement")
    if "protest_with_intervention" in f:
        f.drop("peaceful_protest", "armed_clash")
        if not s.get("KILL"):
            f.drop("attack")
    if "remnants_found" in f:
        # "Rocket motor embedded in pavement": a remnant, not a strike seen
        for st in ("missile_attack", "shelling", "air_strike", "strike"):
            if st in f and f.best[st][0] < 0.8:
                f.drop(st)
    if "equipment_destroyed" in f and "damage" in f and f.best["damage"][0] < 0.5:
        f.drop("damage")


# Every subtype a rule can emit must be in the table: fail at import, not at run time.
for _st in set(REMOTE_BY_WEAPON.values()) - {None}:
    by_subtype(_st)
