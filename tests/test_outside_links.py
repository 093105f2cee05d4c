"""Only web and email addresses leave the app, and an email never names a file to attach."""

from __future__ import annotations

import pytest

from reader.outside_links import leaving_hint, outside_address, shown_address


@pytest.mark.parametrize("href", [
    "file:///etc/passwd",
    "FILE:///C:/Users/someone/Documents/notes.docx",
    "smb://server/share/form.docx",
    "javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<b>hi</b>",
    "ftp://example.org/file",
    "chapter:staying-put-policy",
    "//server/share/x.png",
    "/etc/passwd",
    "#scope",
    "",
    "https://[unclosed",
])
def test_other_addresses_stay_in_the_app(href: str) -> None:
    assert outside_address(href) is None


@pytest.mark.parametrize("href", [
    "https://www.gov.uk/guidance?topic=care&page=2#section",
    "http://example.org/",
    "HTTPS://EXAMPLE.ORG/",
    "mailto:team@example.org",
    "mailto:team@example.org?subject=Visit%20report&body=Hello",
])
def test_web_and_plain_mail_addresses_leave_as_they_are(href: str) -> None:
    assert outside_address(href) == href


@pytest.mark.parametrize(("href", "sent"), [
    ("mailto:a@example.org?attach=/home/someone/.ssh/id_rsa&body=Hello",
     "mailto:a@example.org?body=Hello"),
    ("mailto:a@example.org?Attachment=C:%5Csecret.txt", "mailto:a@example.org"),
    ("mailto:a@example.org?%61ttach=/etc/passwd&subject=Hi&cc=b@example.org",
     "mailto:a@example.org?subject=Hi&cc=b@example.org"),
    ("MAILTO:a@example.org?BODY=x&file=/etc/passwd#attach=/x", "MAILTO:a@example.org?BODY=x"),
    # after a field the mail program keeps, a "#" part must not ride along with it
    ("mailto:a@example.org?subject=Hi#attach=/etc/passwd", "mailto:a@example.org?subject=Hi"),
    # a field name written with escapes is the field all the same
    ("mailto:a@example.org?%73ubject=Visit", "mailto:a@example.org?%73ubject=Visit"),
])
def test_an_email_keeps_its_subject_and_text_but_attaches_nothing(href: str, sent: str) -> None:
    assert outside_address(href) == sent


@pytest.mark.parametrize(("href", "hint"), [
    ("https://www.gov.uk/", "Opens in your web browser: https://www.gov.uk/"),
    ("MAILTO:team@example.org", "Opens in your email program: MAILTO:team@example.org"),
])
def test_a_leaving_links_hint_names_the_program_it_opens_in(href: str, hint: str) -> None:
    assert leaving_hint(href) == hint


@pytest.mark.parametrize("url", [
    "https://derbycsc.proceduresonline.com/", "HTTP://derbycsc.proceduresonline.com"])
def test_an_address_is_shown_as_people_write_it(url: str) -> None:
    assert shown_address(url) == "derbycsc.proceduresonline.com"
