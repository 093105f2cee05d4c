"""What the index is given for each entry: its facts, its headings and its words."""

from __future__ import annotations

from pathlib import Path

from reader.manual import load_manual
from reader.search_documents import search_documents, word_counts

CHAPTER = "chapters/childrens-services-policies-values-and-principles.md"


def test_a_chapter_gives_its_place_its_headings_at_every_level_and_its_words(
        content_copy: Path) -> None:
    chapter = content_copy / CHAPTER
    chapter.write_text(chapter.read_text(encoding="utf-8")
                       + "\n## Placing a Child\n\n### With Family Members\n\nKinship care.\n",
                       encoding="utf-8")
    manual = load_manual(content_copy)
    documents = list(search_documents(manual))
    assert [d.order for d in documents] == list(range(len(documents)))  # contents order
    [document] = [d for d in documents if d.number == "1.1.1"]
    assert document.section_path == "1. All Children > 1.1 All Children"
    # a heading inside a heading's part is a heading too: "kinship" finds its place by it
    assert document.headings.split("\n") == [
        "Scope of this chapter", "Placing a Child", "With Family Members"]
    assert "Kinship care." in document.body
    # what the speller knows: words of the text too, in lower case, of three letters or more
    words = word_counts(document)
    assert words["strenuous"] == 1 and words["kinship"] >= 1
    # and the words of its title and of its amendment note: "did you mean" offers them too
    assert words["values"] == 1 and words["revised"] == 1
    assert words["corporate"] > 1 and "Corporate" not in words
    assert "to" not in words and "47" not in words


def test_a_see_also_is_found_by_its_title_not_by_text_it_does_not_open(
        content_copy: Path) -> None:
    # a See also opens its target's page: text it carried would be found where it is not shown
    contents_file = content_copy / "contents.json"
    contents = contents_file.read_text(encoding="utf-8")
    contents_file.write_text(contents.replace(
        '"target": "short-breaks"', f'"target": "short-breaks", "file": "{CHAPTER}"'),
        encoding="utf-8")
    manual = load_manual(content_copy)
    [see_also] = [d for d in search_documents(manual) if d.id == "see-also-short-breaks"]
    assert see_also.title == "Short Breaks"
    assert see_also.body == "" and see_also.headings == ""
    assert "strenuous" not in word_counts(see_also)
