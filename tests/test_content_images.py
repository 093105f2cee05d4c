"""Images come from the content folder only, judged as text before any file is touched."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.content_images import MISSING, OFFLINE, OUTSIDE, image_file

NETWORK_OR_WEB = ["//fileserver/share/a.png", "file://fileserver/share/a.png",
                  "file:////fileserver/share/a.png", "\\\\fileserver\\share\\a.png",
                  "/\\fileserver\\share\\a.png", "C:/Windows/a.png", "c:a.png",
                  "https://example.org/a.png", "file:///etc/hosts", "/etc/hosts"]


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
