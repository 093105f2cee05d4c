"""Synthetic full-size manuals for benchmarks: the real contents, generated chapter text.

`make_manual(dest, scale=1)` writes a content folder with every one of the 162 chapters holding
about 3,000 words of procedure-like prose; `scale=10` copies the contents ten times over
(1,620 chapters, sections 1-100). The text is built from words of the field with a seeded
random generator, so the same arguments always give the same bytes.
"""

from __future__ import annotations

import copy
import json
import random
import re
import shutil
from pathlib import Path
from typing import Any

from reader.manual import BUNDLED_CONTENT

ROLES = (
    "the social worker", "the team manager", "the Independent Reviewing Officer",
    "the foster carer", "the Designated Safeguarding Lead", "the Head of Service",
    "the child's allocated worker", "the Agency Decision Maker", "the supervising social worker",
    "the personal adviser", "the LADO", "the health visitor", "the Virtual School Head",
    "the police", "the Service Manager", "the residential worker", "the Cafcass officer",
    "the Children's Guardian", "the legal adviser", "the duty manager",
)
ACTIONS = (
    "must record", "should review", "will consider", "must ensure", "should arrange",
    "is responsible for", "must notify", "should discuss", "will agree", "must complete",
    "should update", "will coordinate", "must share", "should seek advice on",
    "will convene", "must authorise", "should explain", "will monitor",
)
OBJECTS = (
    "the care plan", "the child's wishes and feelings", "the strategy discussion",
    "the assessment", "the placement plan", "the pathway plan", "the risk assessment",
    "the safety plan", "the chronology", "the case record", "the review meeting",
    "the decision", "the referral", "the family time arrangements", "the health assessment",
    "the personal education plan", "the delegated authority", "the support plan",
    "the core group meeting", "the child protection plan", "the legal planning meeting",
    "the permanence plan", "the court report", "the placement agreement", "the supervision notes",
)
CONDITIONS = (
    "within five working days", "at the earliest opportunity", "before the placement begins",
    "where there is reasonable cause to suspect significant harm",
    "in line with statutory guidance",
    "with the agreement of the parents", "when the child is looked after", "at each review",
    "if the circumstances change", "within 24 hours", "where the child is of sufficient age "
    "and understanding", "in consultation with partner agencies", "unless it is unsafe to do so",
    "as part of the child's plan", "following the strategy discussion", "at least every six months",
    "within 20 working days", "before any decision is made", "where consent is withdrawn",
)
REASONS = (
    "so that the child's needs are met", "to promote the child's welfare",
    "to safeguard the child from significant harm", "to secure permanence for the child",
    "so that the decision is clearly recorded", "to support the family to stay together",
    "so that the child's views are heard", "to meet the requirements of the Children Act 1989",
    "to avoid drift and delay", "so that placement stability is maintained",
    "to keep the child safe from exploitation", "to inform the care plan",
)
TOPICS = (
    "Children in Care", "Care Leavers", "Special Guardianship Orders", "Section 47 Enquiries",
    "Child Protection Conferences", "Private Fostering", "Family Group Conferences",
    "Emergency Protection Orders", "the Public Law Outline", "Staying Put arrangements",
    "Secure Accommodation", "Short Breaks", "Direct Payments", "Deprivation of Liberty",
    "Unaccompanied Asylum Seeking Children", "No Recourse to Public Funds",
    "Education, Health and Care Plans", "Child Criminal Exploitation", "the National Referral "
    "Mechanism", "Youth Justice Services", "Fostering for Adoption", "Life Story Work",
    "Later Life Letters", "Independent Visitors", "Advocacy", "Missing from Home or Care",
    "Harmful Sexual Behaviour", "Supervision Orders", "Care Orders", "Adoption Support",
)
HEADINGS = (
    "Introduction", "Legal Framework", "Roles and Responsibilities", "Timescales",
    "Recording Requirements", "Consultation with the Child", "Working with Parents",
    "Decision Making", "Reviews", "Information Sharing", "Escalation and Disputes",
    "Planning", "Support Available", "Ending the Arrangement", "Further Information",
)
NAMED_WORDS = re.compile(r"[A-Za-z][A-Za-z']+")


def make_manual(
    dest: Path, scale: int = 1, words_per_chapter: int = 3000, seed: int = 1
) -> Path:
    """Write a content folder at `dest` (replaced if present); returns `dest`."""
    dest = Path(dest)
    if dest.exists():
        shutil.rmtree(dest)
    (dest / "chapters").mkdir(parents=True)
    contents = json.loads((BUNDLED_CONTENT / "contents.json").read_text(encoding="utf-8"))
    sections = [
        _copy_section(section, copy_number)
        for copy_number in range(scale)
        for section in contents["sections"]
    ]
    rng = random.Random(seed)
    for section in sections:
        for entry in _entries(section["items"]):
            if entry["type"] != "chapter":
                continue
            entry["file"] = f"chapters/{entry['id']}.md"
            text = chapter_text(rng, entry["title"], words_per_chapter)
            (dest / entry["file"]).write_text(text, encoding="utf-8")
    (dest / "contents.json").write_text(
        json.dumps({"format": contents["format"], "sections": sections}, indent=2),
        encoding="utf-8",
    )
    for name in ("manual.json", "vocabulary.json"):
        if (BUNDLED_CONTENT / name).is_file():
            shutil.copy(BUNDLED_CONTENT / name, dest / name)
    return dest


def _entries(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    found = []
    for item in items:
        found.extend(item["items"] if item.get("type") == "subsection" else [item])
    return found


def _copy_section(section: dict[str, Any], copy_number: int) -> dict[str, Any]:
    """Copy n of a section: numbers move up by 10*n, ids and titles say which copy it is."""
    if copy_number == 0:
        result = copy.deepcopy(section)
        for entry in _entries(result["items"]):
            entry.pop("file", None)
        return result
    offset = 10 * copy_number
    suffix = f"-c{copy_number + 1}"

    def renumber(number: str) -> str:
        head, _, rest = number.partition(".")
        return f"{int(head) + offset}" + (f".{rest}" if rest else "")

    def fix(entry: dict[str, Any]) -> None:
        entry["id"] += suffix
        entry["title"] += f" (Locality {copy_number + 1})"
        entry.pop("file", None)
        if entry.get("number"):
            entry["number"] = renumber(entry["number"])
        if entry.get("target"):
            entry["target"] += suffix

    result = copy.deepcopy(section)
    result["number"] = renumber(result["number"])
    for item in result["items"]:
        if item.get("type") == "subsection":
            item["number"] = renumber(item["number"])
            for entry in item["items"]:
                fix(entry)
        else:
            fix(item)
    return result


def chapter_text(rng: random.Random, title: str, words: int) -> str:
    """Markdown of about `words` words: headings, paragraphs, bullet lists, a link or two."""
    title_words = [w for w in NAMED_WORDS.findall(title) if len(w) > 3] or ["procedure"]
    parts = [
        "---", f"title: {title}", "last_updated: 2024-09-02", "version: 1", "---", "",
        "## Scope of this chapter", "",
        f"This chapter describes the procedure for {title}.", "",
    ]
    count = 12
    headings = list(HEADINGS)
    rng.shuffle(headings)
    while count < words:
        if rng.random() < 0.12 and headings:
            parts += [f"## {headings.pop()}", ""]
            count += 2
        if rng.random() < 0.2:
            for _ in range(rng.randint(3, 6)):
                line = f"- {_sentence(rng, title_words).rstrip('.')};"
                parts.append(line)
                count += len(line.split())
            parts.append("")
            continue
        paragraph = " ".join(_sentence(rng, title_words) for _ in range(rng.randint(3, 6)))
        if rng.random() < 0.1:
            paragraph += " See also [Care Planning](chapter:care-planning)."
        parts += [paragraph, ""]
        count += len(paragraph.split())
    return "\n".join(parts)


def _sentence(rng: random.Random, title_words: list[str]) -> str:
    role = rng.choice(ROLES)
    text = f"{role} {rng.choice(ACTIONS)} {rng.choice(OBJECTS)} {rng.choice(CONDITIONS)}"
    if rng.random() < 0.5:
        text += f" {rng.choice(REASONS)}"
    if rng.random() < 0.35:
        text += f", with particular regard to {rng.choice(title_words).lower()}"
    if rng.random() < 0.15:
        text += f" and {rng.choice(TOPICS)}"
    return text[0].upper() + text[1:] + "."
