"""'Did you mean': corrections for words the manual does not contain.

Candidates are the manual's own words (titles, headings, text), so a suggestion always finds
something; stop words are never candidates. Distance is optimal string alignment (a swap of
two neighbouring letters counts once: "saftey" is one step from "safety"); ties go to the more
frequent word.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Mapping

from reader.search_query import STOP_WORDS, stem_word

# letters from which two slips in one word are still sure, and from which a letter changed
# besides another edit may still be a misspelling: in a shorter word it makes another word
# ("wives" is no "wales", "father" no "after", "lawyer" no "later")
LONG_WORD = 8
VOWELS = frozenset("aeiou")
MIN_PART = 3  # letters of each of two words run together: "pre", "non", "semi"
SUBSTITUTION_WORD = 7  # letters from which one changed letter is a sure slip
# letters a word meant must have for a slip other than a doubled letter ("putt") to be
# sure: "sect" may be "set" with a letter added, or "section" cut short, as in "sect 47"
SURE_WORD = 4
ENDING = 3  # letters of the longest regular ending: "-ing", "-ers", "-est"
# two words with a space or hyphen between, which the manual may write as one
SPLIT_PAIR = re.compile(r"\b([^\W\d_]+)[ -]([^\W\d_]+)\b")

# rows of the keyboard, each half a key right of the one above: a key touches its
# neighbours in the row and the two keys below it ("s": "a", "d", "w", "e", "z", "x")
KEY_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
# letters spelt for one another by ear: the weak vowel of "separate", "permanence",
# "independent", "definite"; "s" for "c" ("plasement", "practise"), "k" for "c", "i" for "y"
SOUNDS_ALIKE = frozenset(map(frozenset, ("ae", "ai", "ei", "cs", "ck", "sz", "iy")))
# endings of other forms of one word: "enquire", "enquiring", "enquiry", "enquiries";
# "adaption", "adaptation". Longest first, so the root is the shortest left.
FAMILY_ENDINGS = ("ations", "ation", "ments", "ment", "ions", "ion", "ings", "ing", "ies",
                  "ied", "ers", "er", "es", "ed", "s", "e", "y")
FAMILY_ROOT = 5  # letters two words must share before their endings to be one word's forms
# ... and one more when an ending is of a word in "-e" or "-y": "police" is no "policy",
# "policing" no "policies"; "enquire" is an "enquiry"
FAMILY_ROOT_E_Y = 6
E_Y_ENDINGS = frozenset(("e", "y", "ies", "ied"))

# a word run into the number after it: "section47", "reg24" ("s47" is an abbreviation)
WORD_NUMBER = re.compile(r"\b([^\W\d_]{2,})(\d+)\b")
# two words with a full stop and no space between, which the index reads as one word, as it
# reads "s.47" and "1.1.1" (a comma or a slash parts words already)
DOTTED = re.compile(r"(?<![\w.])([^\W\d_]{2,})\.(?=[^\W\d_]{2,}(?![\w.]))")


def split_number(text: str) -> str:
    """Words run into their number, parted: "section47 enquiries": "section 47 enquiries"."""
    return WORD_NUMBER.sub(r"\1 \2", text)


def split_dotted(text: str) -> str:
    """Two words run together with a full stop, parted: "fostering.panel" is "fostering
    panel"; "s.47", "1.1.1" and a web address ("www.gov.uk") are left as they are."""
    return DOTTED.sub(r"\1 ", text)


class Speller:
    """Knows the words of a manual and corrects misspelt ones."""

    def __init__(self, words: Mapping[str, int], slips_only: Iterable[str] = (),
                 pairs: Iterable[tuple[str, str]] = ()) -> None:
        """`words` with their counts; `slips_only`, words outside the text (the vocabulary's)
        that a misspelt word becomes only when it is a slip of the finger (`is_slip`);
        `pairs`, stems that stand side by side in a title or a term ("case", "work"), which
        a word run together may be (`split_joined`)."""
        self._pairs = frozenset(pairs)
        self._slips_only = frozenset(slips_only).difference(words)
        self.words = dict(words) | dict.fromkeys(self._slips_only, 0)
        self._by_stem: dict[str, list[str]] = {}
        for word in self.words:
            self._by_stem.setdefault(stem_word(word), []).append(word)
        self._stems = self._by_stem.keys()
        self._sorted = sorted(self.words)
        self._by_root: dict[str, list[tuple[str, str]]] = {}
        for word in self.words:
            if word not in STOP_WORDS:
                for root, ending in _roots(word):
                    self._by_root.setdefault(root, []).append((word, ending))
        # never a correction: results for "for" or "the" answer nothing that was asked
        self._by_length: dict[int, list[str]] = {}
        for word in self.words:
            if word not in STOP_WORDS:
                self._by_length.setdefault(len(word), []).append(word)

    def knows(self, word: str, as_prefix: bool = False) -> bool:
        """Whether the manual has this word (in any form, or as a word's start)."""
        word = word.lower()
        if word in self.words or stem_word(word) in self._stems:
            return True
        return as_prefix and self.begins(word)

    def begins(self, start: str) -> bool:
        """Whether some word of the manual begins so (or is this word)."""
        index = bisect.bisect_left(self._sorted, start)
        return index < len(self._sorted) and self._sorted[index].startswith(start)

    def extends(self, start: str) -> bool:
        """Whether some longer word of the manual begins so: the word may be being typed."""
        index = bisect.bisect_right(self._sorted, start)
        return index < len(self._sorted) and self._sorted[index].startswith(start)

    def stem_slip(self, word: str) -> str | None:
        """The word meant by one the manual lacks although it has the word's stem, when a
        slip of the finger explains it better than a form of that stem does; else None.

        "referal" is no form of "refer" (the stemmer makes it one): no word of the manual
        with that stem is one edit from it, while "referral", another word, is a letter
        missed. "referred" stays: nothing of another stem is a slip from it. Only a doubled
        letter missed or added counts: a letter changed or added makes other real words
        ("playing", "placing"; "hear", "heard"). Nor is a word the stem itself, or the stem
        with a regular ending, mended: "filing" is of "file", not "filling" missed a letter;
        "later" is no "latter".

        A slip may keep the stem too: "leaveing" is "leaving" with a letter added, and no
        form of "leave" (its "e" goes before "-ing"). Such a word is mended to the form of
        that stem it is a sure slip from (`is_slip`), unless it is a regular form of a word
        of that stem: "leaves" and "lived" stay as typed."""
        word = word.lower()
        stem = stem_word(word)
        if word in self.words or stem not in self._by_stem:
            return None  # a word of the manual, or unknown (`correct` is for those)
        if _regular_form(word, stem):
            return None
        forms = self._by_stem[stem]
        bases = _bases(word)
        if any(bases & _bases(form) for form in forms):
            return None  # a form of a word the manual has: "plans", "refers", "leaves"
        near = [form for form in forms if osa_distance(word, form, 1) <= 1]
        # ending alike, and the slip before it: words of one stem that end otherwise are
        # other words ("possibly", "possible"; "locales", "locals"; "dependant")
        sure = [(self.words[form], form) for form in near
                if is_slip(word, form) and form[-ENDING:] == word[-ENDING:]
                and form not in STOP_WORDS]
        if sure:
            return max(sure)[1]
        if near:
            return None  # a letter changed in a short word may make another word
        # a few look-ups, not a scan of every word: this runs for every such word typed
        doubled = {word[:i] + word[i] + word[i:] for i in range(len(word))}
        undoubled = {word[:i] + word[i + 1:] for i in range(1, len(word))
                     if word[i] == word[i - 1]}
        fixes = [(self.words[fix], fix) for fix in doubled | undoubled
                 if fix in self.words and fix not in STOP_WORDS and stem_word(fix) != stem]
        return max(fixes)[1] if fixes else None

    def relative(self, word: str) -> str | None:
        """The manual's word of which an unknown one is another form, or None: "enquiring"
        and "enquire" are of "enquiries" (the stemmer makes "enquir" of the one and
        "enquiri" of the other). The likeliest, when several are: the most frequent.

        The two must share a root of five letters before their endings, six where an
        ending is of a word in "-e" or "-y": "police" is no form of "policy"."""
        word = word.lower()
        if self.knows(word):
            return None
        best: tuple[int, str] | None = None
        for root, ending in _roots(word):
            for form, other in self._by_root.get(root, ()):
                need = FAMILY_ROOT_E_Y if {ending, other} & E_Y_ENDINGS else FAMILY_ROOT
                if len(root) >= need and (best is None or (self.words[form], form) > best):
                    best = (self.words[form], form)
        return best[1] if best else None

    def join_split(self, text: str) -> str:
        """Words the manual writes as one, joined: "whistle blowing" becomes "whistleblowing";
        with a slip of the finger in a part mended too: "whistle blowign".

        Only where a part is not a word of the manual: "foster care" stays as it is."""

        def join(match: re.Match[str]) -> str:
            first, second = match.group(1), match.group(2)
            whole = first + second
            if self.knows(first) and self.knows(second):
                return match.group()
            if whole.lower() in self.words:
                return whole
            # a slip in a part that is no slip of a word alone: "foster carre" is "care"
            meant = self.correct(whole) if len(whole) >= LONG_WORD else None
            if meant and is_slip(whole.lower(), meant) and not any(
                    (fix := self.correct(part)) and is_slip(part.lower(), fix)
                    for part in (first, second) if not self.knows(part)):
                return meant.upper() if whole.isupper() else meant
            return match.group()

        return SPLIT_PAIR.sub(join, text)

    def split_joined(self, word: str) -> str | None:
        """Two words run together, parted as a title or a term has them side by side:
        "casework" is "case work", "lifestory" "life story"; None if it is no such pair.

        Only such pairs: "homework" is no "home work" because each is a word. Nor is a
        word of the text parted (or a form of one)."""
        word = word.lower()
        if any(self.words[form] for form in self._by_stem.get(stem_word(word), ())):
            return None
        for at in range(MIN_PART, len(word) - MIN_PART + 1):
            first, second = word[:at], word[at:]
            if (stem_word(first), stem_word(second)) in self._pairs:
                return f"{first} {second}"
        return None

    def correct(self, word: str) -> str | None:
        """The likeliest word meant by a misspelt one, or None.

        It begins as the word does (or with its first two letters swapped): people seldom
        slip on the first letter, and "pets" is not "sets". Two edits away, it must be a
        misspelling (`_misspelt`), not a word the manual simply lacks; one letter changed in a
        short word, a slip of the finger or the ear (`_another_word`)."""
        word = without_accents(word.lower())
        if len(word) < 3:
            return None
        if word in self.words:  # "fostéring" typed for "fostering" (is_slip says so too)
            return word
        limit = 1 if len(word) <= 4 else 2
        starts = {word[0], word[1]} if len(word) > 1 else {word[0]}
        ranked: list[tuple[int, int, str]] = []
        others: set[str] = set()  # stems of other words: their forms are other words too
        for length in range(len(word) - limit, len(word) + limit + 1):
            for candidate in self._by_length.get(length, ()):
                if candidate[0] not in starts or (
                        candidate[0] != word[0] and candidate[:2] != word[1::-1]):
                    continue
                distance = osa_distance(word, candidate, limit)
                if distance == 1 and _another_word(word, candidate):
                    others.add(stem_word(candidate))  # "police" is no "policy", nor "policies"
                    continue
                if distance > limit or (
                        candidate in self._slips_only and not is_slip(word, candidate)) or (
                        distance == 2 and not _misspelt(word, candidate)):
                    continue
                ranked.append((distance, -self.words[candidate], candidate))
        best = min((rank for rank in ranked if stem_word(rank[2]) not in others), default=None)
        return best[2] if best else None


def is_slip(typed: str, meant: str) -> bool:
    """Whether `meant` is `typed` with a slip of the finger mended, sure enough to show its
    results unasked: two neighbouring letters swapped, a letter missed or doubled (two such
    in a long word), or one letter changed in a word of seven or more, for a key beside it
    or a letter spelt alike by ear (`_alike`): "adaption" is no slip of "adoption". A
    changed letter in a short word often makes another word: that is only offered (and
    not even that unless alike, `Speller.correct`), as is a word of three letters unless a
    letter was doubled. An accent on a letter the manual writes without one is a slip too."""
    typed = without_accents(typed)
    if typed == meant:
        return True
    if len(meant) < SURE_WORD and not _doubled(typed, meant):
        return False
    long_word = len(typed) >= LONG_WORD
    if osa_distance(typed, meant, 2) > (2 if long_word else 1):
        return False
    if len(typed) != len(meant):
        # letters missed or added; or, two edits in one, a letter missed besides two swapped.
        # Not one missed besides one changed: that makes another word, as `_misspelt` lets
        # through only to offer it ("enquiring" is no "ensuring", "ambition" no "ambitious")
        return abs(len(typed) - len(meant)) != 1 or osa_distance(typed, meant, 1) <= 1 \
            or _missed_and_swapped(typed, meant)
    if long_word and _doubling_moved(typed, meant):
        return True  # "refferal": one letter doubled and another missed keep the length
    changed = [i for i, (a, b) in enumerate(zip(typed, meant, strict=True)) if a != b]
    swaps = [i for i in changed[:-1] if i + 1 in changed
             and typed[i] == meant[i + 1] and typed[i + 1] == meant[i]]
    if swaps and len(changed) == 2 * len(swaps):
        return True
    return len(changed) == 1 and len(typed) >= SUBSTITUTION_WORD and _alike(
        typed[changed[0]], meant[changed[0]])


def without_accents(word: str) -> str:
    """The word's Latin letters without their accents: a dead key on an international
    keyboard makes "fostéring" of a "fostering" typed quickly. A word the manual writes with
    an accent is known, and never corrected; other scripts keep their vowel signs."""
    if word.isascii():  # the common case, at each letter typed
        return word
    kept: list[str] = []
    for char in unicodedata.normalize("NFD", word):
        if not (unicodedata.combining(char) and kept and kept[-1].isascii()):
            kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept))


def _another_word(typed: str, meant: str) -> bool:
    """Whether a word under seven letters with one letter changed from a word of the
    manual is another word, not worth offering: the letter is neither a key beside the
    one meant nor spelt alike by ear: "police" is no "policy"."""
    if len(typed) != len(meant) or len(typed) >= SUBSTITUTION_WORD:
        return False
    changed = [i for i, (a, b) in enumerate(zip(typed, meant, strict=True)) if a != b]
    return len(changed) == 1 and not _alike(typed[changed[0]], meant[changed[0]])


def _alike(typed: str, meant: str) -> bool:
    """Whether one letter typed for another is a slip: a key beside it, or alike by ear."""
    return meant in _NEIGHBOURS.get(typed, ()) or frozenset((typed, meant)) in SOUNDS_ALIKE


def _neighbours() -> dict[str, set[str]]:
    """The keys beside each letter's key on a QWERTY keyboard."""
    near: dict[str, set[str]] = {}
    for row, keys in enumerate(KEY_ROWS):
        for i, key in enumerate(keys):
            beside = {keys[j] for j in (i - 1, i + 1) if 0 <= j < len(keys)}
            if row + 1 < len(KEY_ROWS):
                below = KEY_ROWS[row + 1]
                beside |= {below[j] for j in (i - 1, i) if 0 <= j < len(below)}
            near.setdefault(key, set()).update(beside)
            for other in beside:  # a key touches the keys that touch it
                near.setdefault(other, set()).add(key)
    return near


_NEIGHBOURS = _neighbours()


def _roots(word: str) -> list[tuple[str, str]]:
    """A word's roots with the endings that leave them, the word itself too:
    "enquiries" is "enquir" with "ies"; "adaptation" "adapt" with "ation"."""
    found = [(word, "")]
    found += [(word[: -len(ending)], ending) for ending in FAMILY_ENDINGS
              if word.endswith(ending) and len(word) - len(ending) >= FAMILY_ROOT]
    return found


def _missed_and_swapped(typed: str, meant: str) -> bool:
    """Whether one word is the other with a letter missed and two neighbours swapped
    ("asessmnet" for "assessment")."""
    longer, shorter = (typed, meant) if len(typed) > len(meant) else (meant, typed)
    for i in range(len(longer)):
        cut = longer[:i] + longer[i + 1:]
        changed = [j for j, (a, b) in enumerate(zip(cut, shorter, strict=True)) if a != b]
        if len(changed) == 2 and changed[1] == changed[0] + 1:
            first, second = changed
            if cut[first] == shorter[second] and cut[second] == shorter[first]:
                return True
    return False


def _doubled(typed: str, meant: str) -> bool:
    """Whether `typed` is `meant` with one of its letters doubled ("putt" for "put")."""
    return len(typed) == len(meant) + 1 and any(
        typed[i] == typed[i - 1] and typed[:i] + typed[i + 1:] == meant
        for i in range(1, len(typed)))


def _misspelt(typed: str, meant: str) -> bool:
    """Whether a word two edits from another is that word misspelt, not another word.

    Two letters missed or added, one moved, or the wrong one doubled are slips ("vistor",
    "brakes" for "breaks", "refferal"); so, in a word of eight letters or more before an
    ending both have, are two vowels changed, as spelt by ear ("permenance"). Any other
    changed letter makes another word: "wives" is no "wales", "father" no "after",
    "prison" no "person", "religion" no "relation"."""
    if abs(len(typed) - len(meant)) == 2 or sorted(typed) == sorted(meant) or \
            _doubling_moved(typed, meant):
        return True
    # an ending both have is no part of the slip: "policing" is "polic" and "placing"
    # "plac", two edits in five letters, another word as "police" is no "place"
    shared = next((e for e in _SHARED_ENDINGS if typed.endswith(e) and meant.endswith(e)), "")
    if len(typed) - len(shared) < LONG_WORD:
        return False
    if len(typed) != len(meant):
        return True  # a letter changed and one added or missed, in a long word
    changed = [(a, b) for a, b in zip(typed, meant, strict=True) if a != b]
    return len(changed) != 2 or all(a in VOWELS and b in VOWELS for a, b in changed)


# regular endings, longest first, that two words may share after a slip in their roots
_SHARED_ENDINGS = ("ings", "ing", "ers", "er", "ed", "es", "s")


def _doubling_moved(typed: str, meant: str) -> bool:
    """Whether undoubling one letter of `typed` and doubling another gives `meant`."""
    for i in range(1, len(typed)):
        if typed[i] != typed[i - 1]:
            continue
        undoubled = typed[:i] + typed[i + 1:]
        if any(undoubled[:j + 1] + undoubled[j:] == meant for j in range(len(undoubled))):
            return True
    return False


def osa_distance(a: str, b: str, limit: int) -> int:
    """Edits (insert, delete, change, swap neighbours) from a to b; limit+1 once past limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] | None = None
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if (
                before is not None
                and j > 1
                and a[i - 1] == b[j - 2]
                and a[i - 2] == b[j - 1]
            ):
                value = min(value, before[j - 2] + 1)
            current[j] = value
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return previous[-1]


# endings of regular forms that begin with a vowel: a final "e" goes before them ("filing",
# "filed", "filer"), unless a vowel stands before it ("agreeing", "dyeing", "canoeing")
_VOWEL_ENDINGS = ("ing", "ed", "er", "ers", "est")
_HISS = ("s", "x", "z", "ch", "sh", "o")  # "-es" follows these: "boxes", "goes"


def same_word(a: str, b: str) -> bool:
    """Whether two lower-case words are one, or regular forms of one: "plans", "planning"
    and "plan" are; "persons" and "personal" are not, though the stemmer joins them."""
    return bool(_bases(a) & _bases(b))


def _regular_form(word: str, stem: str) -> bool:
    """Whether `word` is its stem, or the stem with a regular ending: the stemmer's reading
    of such a word is no chance ("hoping", "filed", "files")."""
    return word == stem or stem in _bases(word)


def _bases(word: str) -> set[str]:
    """The words of which `word` may be a regular form, itself too: "leaving" is of "leave"
    (or "leav"), "studied" of "study", "planned" of "plan". Not "leaveing": an "e" before
    "-ing" goes; nor "employes": "-es" follows only a hiss or an "o"."""
    bases = {word}
    if word.endswith("ly"):
        bases.add(word[:-2])  # "firmly"
    if word.endswith("s") and not word.endswith("ss"):
        bases.add(word[:-1])  # "files", "leaves"
    if word.endswith("es") and word[:-2].endswith(_HISS):
        bases.add(word[:-2])
    if word.endswith("ies"):
        bases.add(word[:-3] + "y")  # "studies"
    for ending in _VOWEL_ENDINGS:
        base = word.removesuffix(ending)
        if base == word or len(base) < 2:
            continue
        if ending[0] == "e":
            bases.add(base + "e")  # "filed", "agreed": the ending's "e" is the word's own
        if base.endswith("e"):
            if base[-2] in VOWELS or base[-2] == "y":
                bases.add(base)  # "agreeing", "dyeing"
            continue
        bases.update((base, base + "e"))  # "filing" of "file"; "walking" of "walk"
        if base[-1] == base[-2] and base[-1] not in VOWELS:
            bases.add(base[:-1])  # "planned"
        if base.endswith("i") and ending != "ing":
            bases.add(base[:-1] + "y")  # "studied", "happier"
    return bases
