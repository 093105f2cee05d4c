"""Images come from the content folder only, judged as text before any file is touched."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.content_images import (
    MISSING,
    OFFLINE,
    OUTSIDE,
    UNREADABLE,
    file_inside,
    image_file,
    read_image_bytes,
)
from reader.image_safety import MAX_IMAGE_BYTES, TOO_LARGE

NETWORK_OR_WEB = ["//fileserver/share/a.png", "file://fileserver/share/a.png",
                  "file:////fileserver/share/a.png", "\\\\fileserver\\share\\a.png",
                  "/\\fileserver\\share\\a.png", "C:/Windows/a.png", "c:a.png",
                  "https://example.org/a.png", "file:///etc/hosts", "/etc/hosts",
                  # a scheme without a host, and a path from the root of the current drive
                  "https:images/a.png", "\\share\\a.png"]


@pytest.mark.parametrize("src", NETWORK_OR_WEB)
def test_a_web_address_or_network_share_is_refused_untouched(
    src: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def touched(*_args: object) -> None:
        raise AssertionError("asked the file system about a network path")

    # on Windows even asking about \\host\share connects to it
    monkeypatch.setattr(Path, "resolve", touched)
    monkeypatch.setattr(Path, "is_file", touched)
    assert image_file(src, tmp_path) == (None, OFFLINE)


@pytest.mark.parametrize("src", ["../../outside.png", "images/../../../outside.png",
                                 "..\\..\\x.png"])
def test_a_way_out_of_the_content_folder_is_refused(src: str, tmp_path: Path) -> None:
    (tmp_path / "content" / "chapters").mkdir(parents=True)
    assert image_file(src, tmp_path / "content") == (None, OUTSIDE)


def test_the_content_folder_itself_may_hold_images(tmp_path: Path) -> None:
    (tmp_path / "chapters").mkdir()
    (tmp_path / "shared.png").write_bytes(b"\x89PNG")
    assert image_file("../shared.png", tmp_path) == ((tmp_path / "shared.png").resolve(), None)


def test_an_image_beside_the_chapters_is_found_and_a_missing_one_said(tmp_path: Path) -> None:
    images = tmp_path / "chapters" / "images"
    images.mkdir(parents=True)
    (images / "bridge.png").write_bytes(b"\x89PNG")
    assert image_file("images/bridge.png", tmp_path) == ((images / "bridge.png").resolve(), None)
    assert image_file("images/bridge%20two.png", tmp_path) == (None, MISSING)
    assert image_file("images", tmp_path) == (None, MISSING)  # a folder is no picture


def test_an_image_named_with_an_escaped_space_is_found(tmp_path: Path) -> None:
    # editors and importers write "images/bridge%20two.png" for the file "bridge two.png"
    images = tmp_path / "chapters" / "images"
    images.mkdir(parents=True)
    (images / "bridge two.png").write_bytes(b"\x89PNG")
    assert image_file("images/bridge%20two.png", tmp_path) == (
        (images / "bridge two.png").resolve(), None)


def test_a_symbolic_link_that_leads_out_of_the_content_folder_is_refused(
        tmp_path: Path) -> None:
    # the name reads as inside; only the file system says the picture lives elsewhere
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG")
    images = tmp_path / "content" / "chapters" / "images"
    images.mkdir(parents=True)
    (images / "diagram.png").symlink_to(secret)
    assert image_file("images/diagram.png", tmp_path / "content") == (None, OUTSIDE)


@pytest.mark.parametrize("name", ["C:/Windows/a.png", "c:a.png", "D:\\photos\\a.png"])
def test_a_drive_named_by_an_imported_page_is_refused_untouched(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # chapter_page_html asks file_inside directly: a page saved on Windows may name any drive
    def touched(*_args: object) -> None:
        raise AssertionError("asked the file system about another drive")

    monkeypatch.setattr(Path, "resolve", touched)
    assert file_inside(name, tmp_path) == (None, OFFLINE)


def test_an_image_that_cannot_be_read_is_said_so(tmp_path: Path) -> None:
    # a folder named like a picture: opening it fails as an unreadable file does
    folder = tmp_path / "diagram.png"
    folder.mkdir()
    assert read_image_bytes(folder) == (None, UNREADABLE)


def test_a_picture_one_byte_past_the_limit_is_not_read_in_part(tmp_path: Path) -> None:
    # read whole up to the limit, its first 32 MB would look like a good picture
    picture = tmp_path / "huge.png"
    with picture.open("wb") as file:
        file.write(b"\x89PNG\r\n\x1a\n")
        file.truncate(MAX_IMAGE_BYTES + 1)  # sparse: nothing written past the header
    assert read_image_bytes(picture) == (None, TOO_LARGE)
