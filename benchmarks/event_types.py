"""Event types and weapons against analysts' labels: CIR's event groups and Bellingcat's weapon systems.

Follows ../shared/eval/README.md.  Two sets, each mapped onto a small class set by the written
tables below (gold labels on one side, sitroom's subtypes or weapon classes on the other):

- cir-monitor: input is the row's ``title`` without its leading date (``--cir-input title``, the
  default) or title + " " + ``brief description`` (``--cir-input both``); output is the one class
  that ``classify`` gives, chosen by ``CIR_PRIORITY`` when a title reports several events.
- bellingcat-civharm: input is ``description``; output is the weapon class ``find_weapons`` finds
  (the first by ``BC_PRIORITY``), else the class ``classify``'s match implies (an "air strike"
  with no drone named; people "shot" or "under fire": small arms), else "unknown".

Rows whose gold has no class (CIR's "Other"; Bellingcat's "Unknown") count as "none" / "unknown":
any class predicted on them is a false positive of that class, and they stay out of the macro-F1.
sitroom types with no CIR counterpart (talks, sanctions, aid, threats, evacuations ...) predict "none".

Prints per-class precision / recall / F1, macro-F1, and speed in kB of input per second.

    python benchmarks/event_types.py [--split dev|test] [--cir-input title|both] [--errors N] [--confusions N]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sitroom.extract.classify import classify  # noqa: E402
from sitroom.extract.weapons import find_weapons  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"

# --- cir-monitor -------------------------------------------------------------------------------
#
# Gold: CIR's event_group, matched by prefix (its groups are split by month or period:
# "Civilian Infrastructure Damage March 2022", "Bombing or Explosion July - Now").
CIR_GOLD: tuple[tuple[str, str], ...] = (
    ("Civilian Infrastructure Damage", "infrastructure_damage"),
    ("Bombing or Explosion", "remote_violence"),
    (
        "Russian Firing Positions",
        "remote_violence",
    ),  # where artillery and rockets fire from: remote violence seen from its launch side
    ("Russian Military Presence", "military_presence"),
    (
        "Russian Allies Presence/Losses",
        "military_presence",
    ),  # mostly Belarusian/Chechen units seen moving; its few losses are counted as misses
    ("Russian Military Losses", "military_losses"),
    ("Ukrainian Military Losses", "military_losses"),
    ("Military Infrastructure Damage", "military_losses"),  # bases, depots, military offices hit
    ("Civilian Casualty", "civilian_casualty"),
    ("Ground Battle", "ground_battle"),
    ("Munitions", "munitions"),  # remnants and impacts of identified munitions
    ("Mass grave or Burial", "mass_grave"),
    ("Detentions or Arrests", "detention"),
    ("Other", "none"),  # rallies, camps, miscellany: no class; any class predicted on these rows is a false positive
)
# sitroom subtype -> the CIR class it counts as.  Subtypes not listed (talks, sanctions, aid, threats,
# outages of no damage ...) predict "none" for CIR: they are events CIR does not map.
CIR_PRED: dict[str, str] = {
    "damage": "infrastructure_damage",
    "power_outage": "infrastructure_damage",
    "water_outage": "infrastructure_damage",
    "heating_outage": "infrastructure_damage",
    "communications_outage": "infrastructure_damage",
    "air_strike": "remote_violence",
    "missile_attack": "remote_violence",
    "shelling": "remote_violence",
    "strike": "remote_violence",
    "remote_explosive": "remote_violence",
    "grenade": "remote_violence",
    "chemical_weapon": "remote_violence",
    "explosion_reported": "remote_violence",
    "troop_movement": "military_presence",
    "base_established": "military_presence",
    "fortification": "military_presence",
    "weapons_deployment": "military_presence",
    "equipment_destroyed": "military_losses",
    "equipment_captured": "military_losses",
    "interception": "military_losses",  # an aircraft or missile shot down is a loss to its side
    "attack": "civilian_casualty",
    "bodies_found": "civilian_casualty",
    "casualty_toll": "civilian_casualty",
    "armed_clash": "ground_battle",
    "territory_regained": "ground_battle",
    "territory_captured": "ground_battle",
    "remnants_found": "munitions",
    "demining": "munitions",
    "mass_grave": "mass_grave",
    "arrest": "detention",
    "abduction": "detention",
    "taken_prisoner": "detention",
    "prisoner_exchange": "detention",
}
# When a title reports several events, the class CIR files it under: the outcome (a grave, bodies,
# a loss, damage) before the means (a strike), the means before mere presence.
CIR_PRIORITY: tuple[str, ...] = (
    "mass_grave",
    "detention",
    "civilian_casualty",
    "munitions",
    "military_losses",
    "infrastructure_damage",
    "ground_battle",
    "remote_violence",
    "military_presence",
)
CIR_CLASSES = CIR_PRIORITY

# --- bellingcat-civharm ------------------------------------------------------------------------
BC_GOLD: dict[str, str] = {
    "Cluster munitions": "cluster_munition",
    "Cruise missile": "cruise_missile",
    "HE rocket artillery": "rocket_artillery",
    "Small arms": "small_arms",
    "Ballistic missile": "ballistic_missile",
    "Anti-air missile": "anti_air_missile",
    "Incendiary munitions": "incendiary",
    "Vehicle mounted weapon": "vehicle_weapon",
    "Loitering munition": "loitering_munition",
    "Thermobaric munition": "thermobaric",
    "Air strike": "air_strike",
    "HE artillery inc mortars": "artillery",
    "Unknown": "unknown",
}
# sitroom weapon class -> Bellingcat class.  Classes not listed (generic "missile", "rocket",
# "drone" of no stated kind, mines, anti-tank weapons, warships, nuclear) say nothing Bellingcat
# codes, and fall through to "unknown".
BC_PRED: dict[str, str] = {
    "cluster_munition": "cluster_munition",
    "cruise_missile": "cruise_missile",
    "mlrs": "rocket_artillery",
    "small_arms": "small_arms",
    "ballistic_missile": "ballistic_missile",
    "air_defence_missile": "anti_air_missile",
    "incendiary": "incendiary",
    "tank": "vehicle_weapon",
    "armoured_vehicle": "vehicle_weapon",
    "loitering_munition": "loitering_munition",
    "naval_drone": "loitering_munition",  # an expendable explosive drone, as Bellingcat files its sea-drone strike
    "thermobaric": "thermobaric",
    "aircraft": "air_strike",
    "aerial_bomb": "air_strike",
    "artillery": "artillery",
    "mortar": "artillery",
}
# The weapon that decides when a description names several: what the munition is before what
# launched it ("cluster munitions from a Smerch" is cluster; "TOS-1A" is thermobaric, not MLRS).
BC_PRIORITY: tuple[str, ...] = (
    "cluster_munition",
    "thermobaric",
    "incendiary",
    "loitering_munition",
    "cruise_missile",
    "ballistic_missile",
    "anti_air_missile",
    "rocket_artillery",
    "air_strike",
    "artillery",
    "vehicle_weapon",
    "small_arms",
)
# With no weapon named, the event can still say how it was done: an air strike, or people shot
# (by the cue: "shot", "gunfire", "came under fire" -- small arms, as Bellingcat codes shootings).
BC_FROM_SUBTYPE: dict[str, str] = {"air_strike": "air_strike"}
_SHOOTING_CUE = re.compile(
    r"\b(?:shot|shots|shoot\w*|gunfire|opened fire|open fire|under fire|firing at|fired at|fired on)\b", re.IGNORECASE
)
BC_CLASSES = BC_PRIORITY

_LEADING_DATE = re.compile(r"^\s*\d{1,2}/\d{1,2}/\d{2,4}\s*")


def cir_gold(group: str) -> str | None:
    for prefix, cls in CIR_GOLD:
        if group.startswith(prefix):
            return cls
    return None


def cir_input(row: dict, mode: str) -> str:
    title = _LEADING_DATE.sub("", row["title"] or "").strip()
    if mode == "both":
        desc = (row.get("brief description") or "").strip()
        if desc and desc != title:
            return f"{title} {desc}"
    return title


def cir_predict(text: str) -> str:
    classes = {CIR_PRED[m.subtype] for m in classify(text) if m.subtype in CIR_PRED}
    for cls in CIR_PRIORITY:
        if cls in classes:
            return cls
    return "none"


def bc_predict(text: str) -> str:
    weapons = find_weapons(text)
    classes = {BC_PRED[w.weapon_class] for w in weapons if w.weapon_class in BC_PRED}
    for cls in BC_PRIORITY:
        if cls in classes:
            return cls
    drones = any(w.weapon_class in ("drone", "loitering_munition", "naval_drone") for w in weapons)
    for m in classify(text):
        if m.subtype in BC_FROM_SUBTYPE and not drones:  # a drone strike is no aircraft's air strike
            return BC_FROM_SUBTYPE[m.subtype]
        if m.subtype in ("attack", "armed_clash") and _SHOOTING_CUE.search(m.cue):
            return "small_arms"
    return "unknown"


def report(name: str, classes: tuple[str, ...], pairs: list[tuple[str, str]], extra: tuple[str, ...] = ()) -> float:
    """Per-class precision/recall/F1 over `classes` (+ `extra` rows shown but kept out of the macro)."""
    tp, fp, fn = Counter(), Counter(), Counter()
    for gold, pred in pairs:
        if gold == pred:
            tp[gold] += 1
        else:
            fp[pred] += 1
            fn[gold] += 1
    print(f"\n{name}: {len(pairs)} rows; accuracy {sum(g == p for g, p in pairs) / max(1, len(pairs)):.3f}")
    print(f"  {'class':24s} {'gold':>5s} {'pred':>5s} {'P':>6s} {'R':>6s} {'F1':>6s}")
    f1s = []
    for cls in classes + extra:
        p = tp[cls] / (tp[cls] + fp[cls]) if tp[cls] + fp[cls] else 0.0
        r = tp[cls] / (tp[cls] + fn[cls]) if tp[cls] + fn[cls] else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        if cls in classes:
            f1s.append(f1)
        mark = "" if cls in classes else "  (not in macro)"
        print(f"  {cls:24s} {tp[cls] + fn[cls]:5d} {tp[cls] + fp[cls]:5d} {p:6.3f} {r:6.3f} {f1:6.3f}{mark}")
    macro = sum(f1s) / len(f1s)
    print(f"  macro-F1 over {len(classes)} classes: {macro:.3f}")
    return macro


def read_rows(dataset: str, split: str) -> list[dict]:
    with open(EVAL / dataset / f"{split}.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    parser.add_argument("--cir-input", choices=("title", "both"), default="title")
    parser.add_argument("--errors", type=int, default=0, help="print N misclassified rows per set (dev only)")
    parser.add_argument(
        "--confusions", type=int, default=0, help="print each gold->predicted confusion with N rows of it (dev only)"
    )
    args = parser.parse_args()
    if not EVAL.is_dir():
        print("skipped: ../shared/eval not found")
        return 0
    if (args.errors or args.confusions) and args.split != "dev":
        parser.error("--errors and --confusions are for dev only: test rows are for reporting, not reading")

    cir_rows = [r for r in read_rows("cir-monitor", args.split) if cir_gold(r["event_group"])]
    cir_texts = [cir_input(r, args.cir_input) for r in cir_rows]
    bc_rows = read_rows("bellingcat-civharm", args.split)
    bc_texts = [r["description"] or "" for r in bc_rows]

    t0 = time.perf_counter()
    cir_pred = [cir_predict(t) for t in cir_texts]
    t1 = time.perf_counter()
    bc_pred = [bc_predict(t) for t in bc_texts]
    t2 = time.perf_counter()

    cir_pairs = [(cir_gold(r["event_group"]), p) for r, p in zip(cir_rows, cir_pred, strict=True)]
    bc_pairs = [(BC_GOLD.get(r["weapon_system"], "unknown"), p) for r, p in zip(bc_rows, bc_pred, strict=True)]
    print(f"split: {args.split}; CIR input: {args.cir_input}")
    report("cir-monitor event_group", CIR_CLASSES, cir_pairs, extra=("none",))
    report("bellingcat-civharm weapon_system", BC_CLASSES, bc_pairs, extra=("unknown",))

    cir_kb = sum(len(t.encode()) for t in cir_texts) / 1000
    bc_kb = sum(len(t.encode()) for t in bc_texts) / 1000
    # Speed of classify alone over longer text: the CIR titles are short, so per-call costs dominate them.
    big = " ".join(bc_texts).encode()[:200_000].decode(errors="ignore")
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", big) if s]
    t3 = time.perf_counter()
    for s in sentences:
        classify(s)
    t4 = time.perf_counter()
    print(
        f"\nspeed (one core): CIR classify {cir_kb / (t1 - t0):.0f} kB/s over {cir_kb:.0f} kB of titles; "
        f"Bellingcat find_weapons+classify {bc_kb / (t2 - t1):.0f} kB/s over {bc_kb:.0f} kB; "
        f"classify over sentences {len(big.encode()) / 1000 / (t4 - t3):.0f} kB/s"
    )

    if args.errors:
        for name, texts, pairs in (("CIR", cir_texts, cir_pairs), ("Bellingcat", bc_texts, bc_pairs)):
            wrong = [(g, p, t) for (g, p), t in zip(pairs, texts, strict=True) if g != p]
            print(f"\n{name}: {len(wrong)} wrong; first {args.errors}:")
            for g, p, t in wrong[: args.errors]:
                print(f"  gold={g:22s} pred={p:22s} {t[:150]}")
    if args.confusions:
        print_confusions((("CIR", cir_texts, cir_pairs), ("Bellingcat", bc_texts, bc_pairs)), args.confusions)
    return 0


def print_confusions(sets, n: int) -> None:
    """Each gold -> predicted confusion, most frequent first, with up to `n` of its rows."""
    for name, texts, pairs in sets:
        by_pair: dict[tuple[str, str], list[str]] = {}
        for (g, p), t in zip(pairs, texts, strict=True):
            if g != p:
                by_pair.setdefault((g, p), []).append(t)
        print(f"\n{name} confusions (gold -> predicted):")
        for (g, p), rows in sorted(by_pair.items(), key=lambda kv: -len(kv[1])):
            print(f"  {g} -> {p}: {len(rows)}")
            for t in rows[:n]:
                print(f"      {t[:200]}")


if __name__ == "__main__":
    raise SystemExit(main())
