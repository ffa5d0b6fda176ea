"""The one table of event types: what sitroom can say happened, in two levels (type -> subtype).

Violent subtypes carry the ACLED ``event_type`` / ``sub_event_type`` they are coded as, so that
sitroom's output can be laid beside ACLED and UCDP.  The mapping is many-to-one: each violent
subtype maps to exactly one ACLED pair, and a few finer subtypes share one (ACLED's "Shelling/
artillery/missile attack" is sitroom's shelling, missile attack, and strike with no weapon named).
Some non-violent subtypes map too, where ACLED codes them as "Strategic developments" or
"Protests" (interceptions are ACLED's "Disrupted weapons use", prisoner exchanges its
"Agreement").  Everything else a war's coverage reports (outages, aid, talks, tolls, threats ...)
has no ACLED pair and says so with ``None``.

Keys are stable snake_case: stored events and exports use them; labels may be reworded freely.
``FIGURE_MEASURES`` says which figure measures an event of each type counts.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EventType:
    type: str
    subtype: str
    label: str
    definition: str
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    violent: bool = False

    @property
    def key(self) -> str:
        return f"{self.type}/{self.subtype}"


# ACLED's event types and sub-event types (codebook 2023), for checking the mappings below.
ACLED_PAIRS: frozenset[tuple[str, str]] = frozenset(
    [("Battles", s) for s in ("Armed clash", "Government regains territory", "Non-state actor overtakes territory")]
    + [
        ("Explosions/Remote violence", s)
        for s in (
            "Chemical weapon",
            "Air/drone strike",
            "Suicide bomb",
            "Shelling/artillery/missile attack",
            "Remote explosive/landmine/IED",
            "Grenade",
        )
    ]
    + [("Violence against civilians", s) for s in ("Sexual violence", "Attack", "Abduction/forced disappearance")]
    + [("Protests", s) for s in ("Peaceful protest", "Protest with intervention", "Excessive force against protesters")]
    + [("Riots", s) for s in ("Violent demonstration", "Mob violence")]
    + [
        ("Strategic developments", s)
        for s in (
            "Agreement",
            "Arrests",
            "Change to group/activity",
            "Disrupted weapons use",
            "Headquarters or base established",
            "Looting/property destruction",
            "Non-violent transfer of territory",
            "Other",
        )
    ]
)

_B = "Battles"
_E = "Explosions/Remote violence"
_V = "Violence against civilians"
_S = "Strategic developments"
_P = "Protests"


def _row(type_, subtype, label, definition, acled=None, violent=False) -> EventType:
    event, sub = acled if acled else (None, None)
    return EventType(type_, subtype, label, definition, event, sub, violent)


# fmt: off
EVENT_TYPES: tuple[EventType, ...] = (
    # --- armed violence: ACLED battles, remote violence, violence against civilians
    _row("battle", "armed_clash", "Armed clash",
         "Armed groups fight each other on the ground: fighting, clashes, assaults, ambushes, repelled attacks.",
         (_B, "Armed clash"), True),
    _row("battle", "territory_regained", "Territory regained",
         "The state's forces (Ukraine's, on its own soil) take back a place by force: liberated, recaptured, retook.",
         (_B, "Government regains territory"), True),
    _row("battle", "territory_captured", "Territory captured",
         "An invading or non-state force takes a place by force: captured, seized, took control of, fell to.",
         (_B, "Non-state actor overtakes territory"), True),
    _row("explosion", "air_strike", "Air or drone strike",
         "A strike from the air: aircraft, helicopters, glide bombs, combat or one-way attack drones.",
         (_E, "Air/drone strike"), True),
    _row("explosion", "missile_attack", "Missile attack",
         "Missiles or rockets fired at a place: cruise, ballistic, or surface-to-air missiles used against the ground.",
         (_E, "Shelling/artillery/missile attack"), True),
    _row("explosion", "shelling", "Shelling or artillery fire",
         "Artillery, mortars, tanks firing indirectly, or multiple-launch rocket systems fired at a place.",
         (_E, "Shelling/artillery/missile attack"), True),
    _row("explosion", "strike", "Strike, weapon not stated",
         "A remote attack on a place whose weapon the text does not name ('a strike on the bridge').",
         (_E, "Shelling/artillery/missile attack"), True),
    _row("explosion", "remote_explosive", "Mine, IED or explosive device",
         "A landmine, improvised explosive device, car bomb or naval drone set off against people or vehicles.",
         (_E, "Remote explosive/landmine/IED"), True),
    _row("explosion", "grenade", "Grenade attack",
         "A grenade thrown or dropped at people or places.",
         (_E, "Grenade"), True),
    _row("explosion", "chemical_weapon", "Chemical weapon",
         "Use of a chemical agent as a weapon (chloropicrin, toxic gas, K-51 grenades).",
         (_E, "Chemical weapon"), True),
    _row("explosion", "explosion_reported", "Explosions reported",
         "Explosions heard or reported whose cause is not stated; not violence until an attack is reported."),
    _row("civilian_violence", "attack", "Attack on civilians",
         "Armed actors kill, shoot, execute, torture or beat civilians by other means than remote weapons.",
         (_V, "Attack"), True),
    _row("civilian_violence", "abduction", "Abduction or deportation",
         "Civilians abducted, taken hostage, forcibly disappeared or deported.",
         (_V, "Abduction/forced disappearance"), True),
    _row("civilian_violence", "sexual_violence", "Sexual violence",
         "Rape or other sexual violence by armed actors.",
         (_V, "Sexual violence"), True),
    # --- what ACLED calls strategic developments, and protests
    _row("strategic", "arrest", "Arrest or detention",
         "People arrested, detained, jailed or sentenced by an authority (including occupation authorities).",
         (_S, "Arrests")),
    _row("strategic", "sabotage", "Sabotage or arson",
         "Partisans or saboteurs destroy property: arson of offices, rail sabotage, derailments.",
         (_S, "Looting/property destruction")),
    _row("strategic", "looting", "Looting",
         "Armed actors loot, pillage or steal property.",
         (_S, "Looting/property destruction")),
    _row("protest", "peaceful_protest", "Protest",
         "People protest, rally or hold a vigil without being dispersed.",
         (_P, "Peaceful protest")),
    _row("protest", "protest_with_intervention", "Protest dispersed",
         "A protest broken up or suppressed: tear gas, stun grenades, detentions, shots in the air.",
         (_P, "Protest with intervention")),
    # --- air defence
    _row("air_defence", "interception", "Interception",
         "Missiles, drones or aircraft shot down or intercepted; air defence engaged.",
         (_S, "Disrupted weapons use")),
    _row("air_defence", "air_alert", "Air-raid alert",
         "An air-raid alert or siren declared (or lifted) for an area."),
    # --- damage and outages
    _row("infrastructure", "damage", "Damage to civilian objects",
         "Homes, schools, hospitals, bridges, shops and other civilian objects damaged, destroyed or set on fire."),
    _row("infrastructure", "power_outage", "Power outage or damage to the power system",
         "Blackouts, power cuts, or damage to power plants, substations and the grid."),
    _row("infrastructure", "water_outage", "Water outage",
         "Water supply cut or interrupted."),
    _row("infrastructure", "heating_outage", "Heating or gas outage",
         "Heating or gas supply cut or interrupted."),
    _row("infrastructure", "communications_outage", "Communications outage",
         "Internet, mobile or telephone networks cut."),
    # --- military losses
    _row("military_losses", "equipment_destroyed", "Military equipment or facility hit",
         "Military vehicles, aircraft, ships, depots or bases hit, damaged, destroyed or crashed."),
    _row("military_losses", "personnel_losses", "Military personnel losses",
         "Soldiers killed, wounded or lost where the text names no attack: 'dead soldiers', 'military casualties'."),
    _row("military_losses", "equipment_captured", "Military equipment captured",
         "Military equipment captured, seized or abandoned to the other side."),
    # --- casualties
    _row("casualties", "casualty_toll", "Casualty toll",
         "A cumulative count of dead or wounded over a period ('since the start of the invasion'), not one attack."),
    _row("casualties", "bodies_found", "Bodies found",
         "Bodies of the dead found, recovered or shown, where the text does not say how they died."),
    _row("casualties", "mass_grave", "Mass grave",
         "A mass grave or burial site found, documented or exhumed."),
    # --- humanitarian
    _row("humanitarian", "evacuation", "Evacuation",
         "Civilians evacuated or evacuation ordered; humanitarian corridors."),
    _row("humanitarian", "displacement", "Displacement",
         "People flee or are displaced; refugee and displacement figures."),
    _row("humanitarian", "aid", "Humanitarian aid",
         "Humanitarian aid delivered, convoys, relief supplies."),
    # --- forces
    _row("forces", "troop_movement", "Troop movement or presence",
         "Troops or military equipment seen, moving, massing, deploying or exercising in an area."),
    _row("forces", "mobilisation", "Mobilisation",
         "Mobilisation, conscription, call-ups and recruitment."),
    _row("forces", "withdrawal", "Withdrawal",
         "Forces withdraw or retreat from a place without a reported battle for it.",
         (_S, "Non-violent transfer of territory")),
    _row("forces", "base_established", "Base established",
         "A military base, camp or headquarters set up.",
         (_S, "Headquarters or base established")),
    _row("forces", "fortification", "Fortification",
         "Trenches, defensive lines or fortifications built."),
    _row("forces", "weapons_deployment", "Weapon deployed or tested",
         "A weapon system put into service, deployed on duty, or test-fired."),
    # --- aid to the warring sides
    _row("military_aid", "weapons_supply", "Weapons or military aid",
         "Weapons, ammunition, vehicles or military aid sent, pledged, delivered or bought."),
    _row("military_aid", "training", "Military training",
         "Another country trains a warring side's troops."),
    # --- politics
    _row("diplomacy", "talks", "Talks and diplomatic contacts",
         "Talks, negotiations, calls, meetings, summits, visits, summoned ambassadors; refusals to talk."),
    _row("diplomacy", "agreement", "Agreement",
         "A deal, treaty, ceasefire or memorandum agreed or signed."),
    _row("political", "annexation", "Annexation or referendum",
         "Annexation of territory or referendums on it."),
    _row("economy", "sanctions", "Sanctions",
         "Sanctions, embargoes, price caps, asset freezes imposed, extended or lifted."),
    _row("economy", "economic_impact", "Economic impact",
         "Effects of the war on prices, currencies, trade, grain, oil and gas."),
    _row("economy", "financial_aid", "Financial aid",
         "Non-military financial aid: loans, grants, budget support."),
    _row("war_crimes", "investigation", "War-crimes investigation",
         "War crimes investigated, documented, charged or tried; warrants and tribunals."),
    _row("prisoners", "prisoner_exchange", "Prisoner exchange",
         "Prisoners of war or bodies exchanged, or prisoners released from captivity.",
         (_S, "Agreement")),
    _row("prisoners", "taken_prisoner", "Taken prisoner",
         "Soldiers captured, surrendering, or held as prisoners of war."),
    _row("statement", "threat", "Threat or warning",
         "A threat, warning or forecast of future attacks, offensives or escalation."),
    _row("statement", "accusation", "Accusation",
         "One party accuses or blames another for an act, or condemns it."),
    _row("statement", "responsibility", "Claim of responsibility",
         "A party claims, admits or denies responsibility for an attack."),
    _row("nuclear", "plant_safety", "Nuclear plant safety",
         "Safety of nuclear power plants: shelling near them, power loss, IAEA missions, safety zones."),
    _row("cyber", "cyber_attack", "Cyber attack",
         "Hacking, DDoS, malware or other cyber attacks."),
    _row("ordnance", "remnants_found", "Munition remnants or unexploded ordnance found",
         "Remnants, fragments or unexploded munitions (including laid mines) found or documented."),
    _row("ordnance", "demining", "Demining",
         "Mines or unexploded ordnance cleared or defused.",
         (_S, "Disrupted weapons use")),
)
# fmt: on

# The counts of people a toll states: the same count of dead in two reports is a strong sign of one
# happening (link.match, store.incidents).
TOLL_MEASURES: tuple[str, ...] = ("killed", "injured", "casualties", "missing")

# Which figure measures (extract.figures.MEASURES) an event of a subtype, or else of its type, counts:
# when one sentence reports several events, each takes the figures it counts ("Russia launched 69
# missiles and air defences shot down 54": the interception takes the 54).
FIGURE_MEASURES: dict[str, tuple[str, ...]] = {
    "battle": ("killed", "injured", "casualties", "missing", "captured", "clashes", "destroyed"),
    "explosion": (
        "killed",
        "injured",
        "casualties",
        "missing",
        "rescued",
        "launched",
        "hit",
        "strikes",
        "damaged",
        "destroyed",
    ),
    "explosion_reported": ("killed", "injured", "casualties", "damaged"),
    "civilian_violence": ("killed", "injured", "casualties", "missing"),
    "abduction": ("captured", "deported", "missing"),
    "interception": ("intercepted", "launched"),
    "infrastructure": ("damaged", "without_power"),
    "military_losses": ("destroyed", "killed", "injured", "casualties", "missing"),
    "equipment_captured": ("destroyed", "weapons"),
    "casualties": ("killed", "injured", "casualties", "missing", "bodies_found"),
    "mass_grave": ("bodies_found", "killed"),
    "evacuation": ("evacuated", "remaining"),
    "displacement": ("displaced", "evacuated"),
    "aid": ("aid",),
    "forces": ("troops", "mobilised"),
    "military_aid": ("weapons", "aid"),
    "financial_aid": ("aid",),
    "war_crimes": ("war_crimes", "killed", "bodies_found"),
    "prisoner_exchange": ("exchanged",),
    "taken_prisoner": ("captured",),
    "arrest": ("captured",),
    "protest": ("captured", "injured"),
}


# Which events can report the same real-world happening, for linking them into incidents.  A
# strike, the fire it starts, the dead it leaves and the outage it causes are one incident, so every
# kinetic subtype shares the family "attack"; running tolls, threats, talks and aid are each their own.
# Subtypes not listed take their type as family.
INCIDENT_FAMILY: dict[str, str] = {
    **{row: "attack" for row in ("battle", "explosion", "civilian_violence", "air_defence", "infrastructure")},
    **{row: "attack" for row in ("military_losses", "sabotage", "casualty_toll", "bodies_found", "cyber")},
    "armed_clash": "attack",
    "territory_regained": "frontline",
    "territory_captured": "frontline",
    "air_alert": "alert",
    "abduction": "abduction",
    "equipment_captured": "frontline",
    "mass_grave": "war_crimes",
}

# Which subtype names an incident when its events disagree: the first in this order that any of its
# events has.  A "missile attack" that also damaged houses and cut power is a missile attack.
INCIDENT_PRIORITY: tuple[str, ...] = (
    "missile_attack", "air_strike", "shelling", "armed_clash", "remote_explosive", "chemical_weapon", "grenade",
    "attack", "strike", "interception", "sabotage", "cyber_attack", "explosion_reported", "personnel_losses",
    "equipment_destroyed", "casualty_toll", "bodies_found", "damage", "power_outage", "heating_outage",
    "water_outage", "communications_outage",
)


def incident_family(subtype: str) -> str:
    """The family of events an event of this subtype can share an incident with."""
    row = by_subtype(subtype)
    return INCIDENT_FAMILY.get(row.subtype) or INCIDENT_FAMILY.get(row.type) or row.type


def figure_measures(subtype: str) -> tuple[str, ...]:
    """The measures an event of this subtype counts (empty when none)."""
    row = by_subtype(subtype)
    return FIGURE_MEASURES.get(row.subtype) or FIGURE_MEASURES.get(row.type) or ()


_BY_SUBTYPE: dict[str, EventType] = {row.subtype: row for row in EVENT_TYPES}
_BY_KEY: dict[str, EventType] = {row.key: row for row in EVENT_TYPES}

TYPES: tuple[str, ...] = tuple(dict.fromkeys(row.type for row in EVENT_TYPES))


def by_subtype(key: str) -> EventType:
    """The row for a subtype key ("shelling") or a full key ("explosion/shelling"); KeyError if unknown."""
    row = _BY_SUBTYPE.get(key) or _BY_KEY.get(key)
    if row is None:
        raise KeyError(f"unknown event subtype: {key!r}")
    return row
