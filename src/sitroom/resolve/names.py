"""Tokens and name keys shared by the gazetteer build and the place finder.

Both sides must cut and fold names identically, or a name stored as "melitopol" would never meet
"Melitopol'" in text.  A key is the *skeleton* of a name: lower case, accents and apostrophes gone,
hyphens as spaces, "y" read as "i" and doubled letters collapsed, so that the usual transliteration
wobbles of Ukrainian and Russian names (Makiivka / Makiyivka, Zaporizhzhia / Zaporizhia /
Zaporizhzhya, Hnylytsya / Hnylytsia, Kyiv / Kyyiv) meet on one key without a table entry each.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# A word: letters, with apostrophes inside it (Kam'yanka, Dar'ivka), but not an English possessive
# ("Kyiv’s mayor" is the word Kyiv).  Hyphens split words, so "Ivano-Frankivsk" is two tokens that
# the index stores as one two-token key.
_POSSESSIVE_S = r"[sS](?![\w'’ʼ`´ʹ])"  # the s of "Kyiv's", not of "Mykil's'ke"
WORD = re.compile(rf"(?!(?<=['’ʼ`´ʹ]){_POSSESSIVE_S})[^\W\d_]+(?:['’ʼ`´ʹ](?!{_POSSESSIVE_S})[^\W\d_]+)*")

# Letters that NFKD does not decompose into a base letter and a mark.
_FOLD = str.maketrans(
    {
        "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ð": "d", "ħ": "h", "ı": "i",
        "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "ŀ": "l",
    }
)
_APOSTROPHES = str.maketrans("", "", "'’ʼ`´ʹ")
_DOUBLES = re.compile(r"(.)\1+")


@lru_cache(maxsize=200_000)
def fold(token: str) -> str:
    """Lower case ASCII-ish form of one token: accents and apostrophes dropped."""
    if token.isascii():
        return token.lower().translate(_APOSTROPHES)
    decomposed = unicodedata.normalize("NFKD", token.translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().translate(_APOSTROPHES)


@lru_cache(maxsize=200_000)
def skeleton(token: str) -> str:
    """The key of one token: folded, "y" as "i", "zhzh" as "zh", "x" as "ks", doubled letters collapsed."""
    folded = fold(token).replace("y", "i").replace("zhzh", "zh").replace("x", "ks")  # Alexandrovka
    return _DOUBLES.sub(r"\1", folded)


def name_key(name: str) -> str:
    """The index key of a whole name: its tokens' skeletons joined by single spaces."""
    return " ".join(skeleton(m.group()) for m in WORD.finditer(name))


def is_latin(name: str) -> bool:
    """True for names written in Latin letters (the only ones English text will use)."""
    return all(ord(c) < 0x250 or unicodedata.combining(c) or c in "’ʼ" for c in name)
