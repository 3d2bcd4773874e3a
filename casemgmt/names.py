"""Name normalisation for search across scripts.

Officers type a name as they hear it: in Tajik Cyrillic (Раҳимов), in Russian
Cyrillic (Рахимов) or in Latin (Rahimov, Rakhimov). Every spelling is reduced
to one *search key* in Latin letters so that all of them meet; trigram
similarity then absorbs what remains (a doubled letter, a dropped vowel).

``fold_cyrillic`` keeps Cyrillic but folds the six Tajik letters onto their
Russian neighbours; ``search_key`` goes on to a phonetic Latin key.
"""

from __future__ import annotations

import re
import unicodedata

_TAJIK_FOLD = str.maketrans({"ҳ": "х", "қ": "к", "ғ": "г", "ҷ": "ч", "ӣ": "и", "ӯ": "у", "ё": "е"})

# Cyrillic (Russian + Tajik) to a plain Latin transliteration.
_CYR_TO_LAT = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "ғ": "gh",
    "д": "d",
    "е": "e",
    "ё": "yo",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "ӣ": "i",
    "й": "y",
    "к": "k",
    "қ": "q",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ӯ": "u",
    "ф": "f",
    "х": "kh",
    "ҳ": "h",
    "ц": "ts",
    "ч": "ch",
    "ҷ": "j",
    "ш": "sh",
    "щ": "sh",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
}

# Applied to Latin text, in order: spellings of one sound become one letter.
_LATIN_FOLDS = [
    ("tch", "\x01"),
    ("ch", "\x01"),  # kept apart from c/k/h below, restored at the end
    ("dzh", "j"),
    ("dj", "j"),
    ("zh", "j"),
    ("kh", "h"),
    ("gh", "g"),
    ("x", "h"),
    ("q", "k"),
    ("ck", "k"),
    ("c", "k"),
    ("yo", "e"),
    ("ye", "e"),
    ("yu", "u"),
    ("ya", "a"),
    ("w", "v"),
    ("ou", "u"),
    ("iy", "i"),
    ("ii", "i"),
    ("y", "i"),
    ("ee", "i"),
    ("oo", "u"),
    ("ph", "f"),
]
_NON_WORD = re.compile(r"[^\w]+")
_REPEATS = re.compile(r"(.)\1+")


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text or "").lower()
    return _NON_WORD.sub(" ", text).replace("_", " ").strip()


def fold_cyrillic(text: str) -> str:
    """Lower case, punctuation removed, Tajik letters folded onto Russian ones."""
    return " ".join(_clean(text).translate(_TAJIK_FOLD).split())


def transliterate(text: str) -> str:
    """A readable Latin transliteration of Cyrillic (Latin passes through)."""
    out = []
    for char in unicodedata.normalize("NFC", text or ""):
        lower = char.lower()
        latin = _CYR_TO_LAT.get(lower)
        if latin is None:
            out.append(char)
        elif char != lower and latin:
            out.append(latin[0].upper() + latin[1:])
        else:
            out.append(latin)
    return "".join(out)


def search_key(text: str) -> str:
    """The phonetic Latin key that every spelling of a name reduces to."""
    words = []
    for word in _clean(transliterate(_clean(text))).split():
        word = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
        for source, target in _LATIN_FOLDS:
            word = word.replace(source, target)
        words.append(_REPEATS.sub(r"\1", word).replace("\x01", "ch"))
    return " ".join(w for w in words if w)
