"""Pages on paper: a printout or PDF names the chapters it refers to and writes out web
addresses, because neither can open the reader."""

from __future__ import annotations

import pytest

from reader.manual import Manual, load_manual
from reader.paper import paper_html
from reader.render import ChapterRenderer, html_to_text

from .conftest import CONTENT


@pytest.fixture(scope="module")
def manual() -> Manual:
    return load_manual(CONTENT)


@pytest.fixture(scope="module")
def renderer(manual: Manual) -> ChapterRenderer:
    return ChapterRenderer(manual)


def on_paper(renderer: ChapterRenderer, html: str, own_page: bool = False) -> tuple[str, str]:
    printed = paper_html(html, renderer.manual, own_page=own_page)
    return printed, " ".join(html_to_text(printed).split())


def test_a_link_to_another_chapter_becomes_its_text_and_number(renderer) -> None:
    page = renderer.page_for(renderer.manual.find("1.1.1"))
    printed, text = on_paper(renderer, page.html)
    assert "chapter:" not in printed
    assert "See also A Strengths Based Approach Procedure (1.1.2)" in text
    assert "Staying Put Procedure (6.7.6)" in text


def test_a_web_link_keeps_working_and_shows_its_address(renderer) -> None:
    page = renderer.page_for(renderer.manual.find("1.1.1"))
    printed, text = on_paper(renderer, page.html)
    address = "https://www.gov.uk/government/publications/childrens-social-care-national-framework"
    assert f'<a href="{address}">' in printed
    assert f"Children’s Social Care National Framework ({address})" in text
    assert "\u2197" not in text  # the "opens your browser" arrow means nothing on paper


def test_an_address_already_shown_is_not_written_twice(renderer) -> None:
    page = renderer.page_for(renderer.manual.find("6.4.3"))  # its text is not held
    _, text = on_paper(renderer, page.html)
    assert text.count("derbycsc.proceduresonline.com") == 1


def test_an_email_link_shows_the_address_to_write_to_not_its_subject(renderer) -> None:
    link = '<a href="mailto:{}?subject=Referral%20form&amp;body=Dear%20team">{}</a>'
    # an address as a web page may write it, its "@" encoded
    html = f"<p>{link.format('duty%40example.org', 'Email the duty team')}.</p>" \
           f"<p>Or write to {link.format('mash@example.org', 'mash@example.org')}.</p>"
    printed, text = on_paper(renderer, html)
    assert "Email the duty team (duty@example.org)." in text
    assert "Or write to mash@example.org." in text  # the address is there already
    assert "subject=Referral%20form" in printed  # still filled in, clicked in a PDF


def test_section_lists_keep_their_numbers_once(renderer) -> None:
    page = renderer.section_page("6.4")
    assert page is not None
    printed, text = on_paper(renderer, page.html)
    assert "<a " not in printed
    assert "6.4.1 Social Worker Visits to Children in Care" in text
    assert "(6.4.1)" not in text


def test_a_link_to_a_chapter_no_longer_in_the_contents_is_left_as_text(renderer) -> None:
    html = '<p>See <a class="internal" href="chapter:gone-away">an old procedure</a>.</p>'
    assert paper_html(html, renderer.manual) == "<p>See an old procedure.</p>"


def test_a_link_to_a_place_in_another_chapter_names_its_number(renderer) -> None:
    html = ('<p>See <a class="internal" href="chapter:staying-put-policy#contact">whom to '
            "ask</a> and <a href=\"chapter:6.7.6#contact\">6.7.6's contacts</a>.</p>")
    assert on_paper(renderer, html)[1] == "See whom to ask (6.7.6) and 6.7.6's contacts."


def test_a_see_also_names_the_number_of_the_chapter_it_leads_to(renderer) -> None:
    page = renderer.section_page("8")
    assert page is not None
    _, text = on_paper(renderer, page.html)
    # on screen the link opens 7.10; on paper the number says where to turn
    assert "See also: Placement with Dog Owning Families (Foster Carers) (7.10)" in text


def test_a_link_naming_its_chapter_number_inside_its_text_gets_no_second_number(
        renderer) -> None:
    html = ('<p>Read <a href="chapter:childrens-services-policies-values-and-principles">'
            'chapter 1.1.1</a> and <a href="chapter:childrens-services-policies-values-and-'
            'principles">section 1.1</a>.</p>')
    _, text = on_paper(renderer, html)
    assert text == "Read chapter 1.1.1 and section 1.1 (1.1.1)."


def test_a_web_link_whose_text_is_its_address_without_https_is_not_written_twice(
        renderer) -> None:
    html = ('<p>See <a href="https://www.gov.uk/">www.gov.uk</a> or '
            '<a href="https://www.gov.uk/guidance">GOV.UK</a>.</p>')
    _, text = on_paper(renderer, html)
    assert text == "See www.gov.uk or GOV.UK (https://www.gov.uk/guidance)."


def test_the_start_page_on_paper_has_the_edition_and_address_not_how_to_use_the_window(
        renderer) -> None:
    _, text = on_paper(renderer, renderer.start_page().html, own_page=True)
    assert text.startswith("Derby City Children's Social Care Procedures The procedures of "
                           "Derby City Council's children's social care services")
    assert ("Edition of 2 September 2024 Dated by the newest \"Last Updated\" date on the pages "
            "captured for this edition. Procedures change a few times a year: the online "
            "manual at derbycsc.proceduresonline.com is the authoritative version.") in text
    assert "Sections • 1. All Children • 2. Prevention and Early Intervention" in text
    for screen_only in ("Ctrl+", "Finding a procedure", "What's new", "open with their place"):
        assert screen_only not in text


def test_a_removed_chapters_page_on_paper_speaks_of_no_keys_or_tabs(renderer) -> None:
    from reader.gone_page import gone_page

    page = gone_page(renderer.manual, "9.9 <Old> Procedure")
    _, text = on_paper(renderer, page.html, page.own_page)  # as the window prints it
    assert text == (
        "9.9 <Old> Procedure This chapter is not in the edition of 2 September 2024. The manual "
        "may have withdrawn it, or merged it into another chapter. The online manual at "
        "derbycsc.proceduresonline.com is the authoritative version.")


def test_only_the_screen_only_part_is_left_out(renderer) -> None:
    html = ('<p>Before</p><div class="box screen-only"><div><p>Keys</p></div><br>'
            "<p>More keys</p></div><p>After</p>")
    assert on_paper(renderer, html, own_page=True)[1] == "Before After"


def test_a_chapter_that_uses_the_class_name_screen_only_keeps_its_text_on_paper(
        renderer) -> None:
    # chapters come from a website, whose own stylesheet may have used the name
    html = '<p>Call the <span class="screen-only">duty team on 01332 641172</span>.</p>'
    assert on_paper(renderer, html)[1] == "Call the duty team on 01332 641172."


def test_a_number_that_is_part_of_another_is_not_taken_as_named(renderer) -> None:
    # "see 7.10" does not name 7.1, nor do 17.1 and 7.1.2: the Fostering Panel link still
    # gets its number
    html = '<p><a href="chapter:fostering-panel">The panel (not 7.10, 17.1 or 7.1.2)</a>.</p>'
    assert on_paper(renderer, html)[1] == "The panel (not 7.10, 17.1 or 7.1.2) (7.1)."


def test_a_link_whose_address_is_written_in_capitals_still_gets_its_number(renderer) -> None:
    # Qt opens "CHAPTER:..." as it opens "chapter:...", so paper must read it alike
    html = '<p>See <a href="CHAPTER:fostering-panel">the panel</a>.</p>'
    assert on_paper(renderer, html)[1] == "See the panel (7.1)."


def test_text_that_reads_like_markup_stays_text_on_paper(renderer) -> None:
    html = "<p>Ages 5 &lt; 10 &amp; <b>over</b> &lt;b&gt;10&lt;/b&gt;</p>"
    printed, text = on_paper(renderer, html)
    assert text == "Ages 5 < 10 & over <b>10</b>"
    assert printed.count("<b>") == 1


def test_a_picture_and_a_line_break_written_as_closed_tags_stay_on_paper(renderer) -> None:
    # a chapter's own HTML may close them itself: "<br/>", "<img .../>"
    html = '<p>Call the duty team<br/>or MASH.</p><p><img src="images/flow.png" alt="Flow"/></p>'
    assert on_paper(renderer, html)[0] == (
        '<p>Call the duty team<br/>or MASH.</p><p><img src="images/flow.png" alt="Flow"/></p>')


def test_no_link_is_left_out_of_the_printout_however_it_is_written(renderer) -> None:
    # an anchor inside an anchor, and one never closed: their text is all still printed
    html = ('<p>See <a href="chapter:fostering-panel">the panel <a href="https://example.org/">'
            'the site</a> and more</a>; also <a href="https://example.org/x">the rest')
    assert on_paper(renderer, html)[1] == (
        "See the panel (7.1) the site (https://example.org/) and more; also the rest "
        "(https://example.org/x)")


def test_a_space_at_the_end_of_a_links_text_stays_between_the_words(renderer) -> None:
    html = ('<p>See <a href="chapter:fostering-panel">the panel </a>today, or '
            '<a href="https://example.org/"><b>the site </b></a>now.</p>')
    assert on_paper(renderer, html)[1] == (
        "See the panel (7.1) today, or the site (https://example.org/) now.")


def test_a_link_with_two_addresses_goes_on_paper_where_it_goes_on_screen(renderer) -> None:
    # Qt follows the last of two href attributes
    html = '<p><a href="https://example.org/a" href="https://example.org/b">Site</a></p>'
    assert on_paper(renderer, html)[0] == (
        '<p><a href="https://example.org/b">Site</a> (https://example.org/b)</p>')


@pytest.mark.parametrize("html", [
    '<p<a href="file:///etc/passwd">x</a>',  # read as a tag named "p<a"
    '<span x<a href="file:///etc/passwd">z</span>',  # an attribute named "x<a"
    '<span title=\'"><a href="file:///etc/passwd">y</a>\'>z</span>',
])
def test_a_file_address_hidden_in_odd_markup_never_becomes_a_live_link(
        renderer, html: str) -> None:
    # Qt would read any "<a" left in the page as an anchor: paper writes none for these
    assert "<a" not in on_paper(renderer, html)[0]


FOOTNOTED = (
    "## Making a Referral\n\nA referral is made in writing.[^1] See [how](#making-a-referral)"
    " and [Making a Referral](#making-a-referral) above.\n\n"
    "[^1]: Or by telephone, confirmed in writing.\n"
)


def test_a_footnote_prints_without_its_jump_back_arrow(renderer) -> None:
    html = renderer.markdown_to_html(FOOTNOTED)[0]
    printed, text = on_paper(renderer, html)
    assert "\u21a9" in html_to_text(html)  # on screen: a click goes back to the text
    assert "\u21a9" not in text  # on paper, a stray arrow after the note
    assert "Or by telephone, confirmed in writing." in text
    assert "in writing.1" in text  # the note's number still marks where it belongs


def test_a_link_to_a_heading_of_the_same_page_names_the_heading(renderer) -> None:
    html = renderer.markdown_to_html(FOOTNOTED)[0]
    _, text = on_paper(renderer, html)
    # "how" alone does not say which part to turn to on paper
    assert 'See how (see "Making a Referral") and Making a Referral above.' in text
