"""British spellings of words typed the American way, for search: the manual writes
"personalised" and "counselling"; a person may type "personalized" and "counseling".

Porter stems the two apart, or worse, joins the American one to another word ("personalized"
and "personal" are both "person"), so a query is given the British form as another way to
match. A few rules of endings, each a look-up, whatever the size of the manual.
"""

from __future__ import annotations

import re

# (American, British): the regular differences of spelling, by ending or by root. A form
# that is no word ("prize" to "prise", "feeling" to "feelling") matches nothing, harmlessly.
_RULES = (
    # -ize, -yze: "organization", "prioritizing", "analyzed"
    (re.compile(r"(?<=\w\w)iz(e|es|ed|ing|ation|ations|er|ers)$"), r"is\1"),
    (re.compile(r"(?<=\w\w)yz(e|es|ed|ing|er|ers)$"), r"ys\1"),
    # -ior: "behavior", "behavioral"
    (re.compile(r"(?<=\w\w)ior(s|al|ally)?$"), r"iour\1"),
    # -or of a few roots: "color", "favorite", "neighbors", "honoring"
    (re.compile(r"^(col|fav|hon|lab|neighb|hum|rum|harb|vap|flav|endeav|arm|od|vig|rig)"
                r"or(s|ed|ing|ful|ite|ites|hood|hoods|able)?$"), r"\1our\2"),
    # -ense: "defense", "offense", "license"
    (re.compile(r"^(def|off|lic|pret)ense(s)?$"), r"\1ence\2"),
    # one "l" before an ending: "counseling", "traveled", "counselor", "signaled"; not "feeling"
    (re.compile(r"(?<=\w[^\Waeiou])([ea])l(ing|ed|or|ors|er|ers)$"), r"\1ll\2"),
    # -gram: "program", "programs"
    (re.compile(r"^(pro)gram(s)?$"), r"\1gramme\2"),
    # -ment without the "e": "judgment", "acknowledgment"
    (re.compile(r"dgment(s)?$"), r"dgement\1"),
    # "e" for "ae" and "oe": "pediatric", "anesthetic", "fetus", "maneuver"
    (re.compile(r"^(p|an|gyn|orthop)e(d|st|c|m)"), r"\1ae\2"),
    (re.compile(r"^fetus"), "foetus"),
    # -er for -re: "center", "centers", "theater"
    (re.compile(r"^(cent|theat|fib|met|lit|somb|spect|calib)er(s|ed)?$"), r"\1re\2"),
)


def british(word: str) -> str | None:
    """The British spelling of a lower-case word typed the American way, or None."""
    for pattern, replacement in _RULES:
        changed = pattern.sub(replacement, word)
        if changed != word:
            return changed
    return None
