"""Ukrainian places written from their Russian names: the keys they have in Ukrainian spelling.

Russian-language sources, and much English reporting of the Donbas war, write villages by their
Russian names (Peski, Marinovka, Petrovskoye, Novogrigoryevka, Shirokino, Elenovka), while the
gazetteer's codifier villages carry only Ukraine's own transliteration (Pisky, Marynivka, Petrivske,
Novohryhorivka, Shyrokyne, Olenivka).  GeoNames lists Russian forms for the towns it has, not for
those hamlets.  The two spellings differ by regular rules, applied here to name keys
(sitroom.resolve.names: "y" already read as "i", doubled letters collapsed):
- always: Russian g is Ukrainian h; -ovka/-evka is -ivka; -oye/-oe is -e, and plural -ye is -i
  (Tsvetnye Tsvitni); -aya is -a; -ino is -yne; -ovo/-evo is -ove/-eve; -ov is -iv (Orekhov
  Orikhiv); -polye is -pillia; and the common first parts whose Ukrainian form differs (Nikol-
  Mykol-, Aleksandr- Oleksandr-, Elen- Olen-, Ekaterin- Kateryn-, Bel- Bil-, Kamen- Kamian-,
  Pod- Pid-);
- as alternatives, since each holds for some names only: an e closed by two consonants is i
  (Peski Pisky, Svetloye Svitle, Redkodub Ridkodub), -ovsk- is -ivsk- (Petrovskoye Petrivske),
  -pol is -pil (Novopol Novopil), -ol- before a consonant is -il- (Sokolniki Sokilnyky), and an
  initial z is dz (Zerkalnoye Dzerkalne); and, for English spellings of Ukrainian names, an initial
  h before r, l or v is kh and sch is shch (Hryaschuvate Khriashchuvate).
`ukrainian_keys` gives every distinct form; the finder looks them up only among Ukraine's towns.
"""

from __future__ import annotations

import re
from functools import lru_cache

_ALWAYS: tuple[tuple[re.Pattern, str], ...] = (
    (re.compile(r"\bnikol"), "mikol"),
    (re.compile(r"\bale(?:ks|x)andr"), "oleksandr"),
    (re.compile(r"\bi?elen"), "olen"),
    (re.compile(r"\bi?ekaterin"), "katerin"),
    (re.compile(r"\bbel(?=[aoi])"), "bil"),
    (re.compile(r"\bkamen"), "kamian"),
    (re.compile(r"\bpod(?=[gh])"), "pid"),
    (re.compile(r"(?<![zk])g"), "h"),
    (re.compile(r"[oe]vka\b"), "ivka"),
    (re.compile(r"polie\b"), "pilia"),
    (re.compile(r"(?:oie|oe|oi)\b"), "e"),
    (re.compile(r"(?<!i)ie\b"), "i"),
    (re.compile(r"aia\b"), "a"),
    (re.compile(r"ino\b"), "ine"),
    (re.compile(r"([oe])vo\b"), r"\1ve"),
    (re.compile(r"ov\b"), "iv"),
)
# Each holds for some names only, so every combination is tried.
_ALTERNATIVES: tuple[tuple[re.Pattern, str], ...] = (
    (re.compile(r"e(?=[b-df-hj-np-tv-z]{2})"), "i"),  # Peski Pisky, Svetloye Svitle
    (re.compile(r"ovsk"), "ivsk"),  # Petrovskoye Petrivske
    (re.compile(r"pol\b"), "pil"),  # Novopol Novopil (Melitopol keeps its o)
    # an o closed by l and a consonant is i too (Sokolniki Sokilnyky)
    (re.compile(r"(?<=\w)ol(?=[b-df-hj-np-tv-z])"), "il"),
    (re.compile(r"\bz(?=[aeiou])"), "dz"),  # Zerkalnoye Dzerkalne, Zvenigorod keeps its z
    # English spellings of Ukrainian names that drop the k of kh and the h of shch (Ukrinform's
    # "Hryaschuvate" is Khriashchuvate)
    (re.compile(r"\bh(?=[rlv])"), "kh"),
    (re.compile(r"(?<!s)sch"), "shch"),
)
_DOUBLES = re.compile(r"(.)\1+")


@lru_cache(maxsize=50_000)
def ukrainian_keys(key: str) -> tuple[str, ...]:
    """The keys a Russian-spelt name may have in Ukrainian spelling, the key itself left out."""
    base = key
    for pattern, repl in _ALWAYS:
        base = pattern.sub(repl, base)
    forms = [base]
    for pattern, repl in _ALTERNATIVES:
        if pattern.search(base):  # (no alternative makes room for another, so the base tells)
            forms += [pattern.sub(repl, form) for form in forms]
    out: list[str] = []
    for form in forms:
        form = _DOUBLES.sub(r"\1", form)
        if form != key and form not in out:
            out.append(form)
    return tuple(out)
