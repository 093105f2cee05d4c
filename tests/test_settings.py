"""Settings survive bad files and interrupted saves; nothing the person saved is lost."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from reader.settings import Settings, load_settings, save_settings, settings_path
from reader.text_size import MAX_STEPS, MIN_STEPS
from reader.userdata import MAX_USER_FILE_BYTES

from .conftest import REPO, lose_home_folder


def test_missing_file_gives_defaults_quietly() -> None:
    assert load_settings() == (Settings(), None)


def test_saved_settings_come_back() -> None:
    save_settings(Settings(theme="dark", stale_after_months=3, zoom_steps=2))
    assert load_settings() == (Settings(theme="dark", stale_after_months=3, zoom_steps=2), None)
    assert json.loads(settings_path().read_text())["format"] == 1


@pytest.mark.parametrize(
    "damage",
    [b'{"format": 1, "settings": {"theme": "da', b"\x00\x00\x00", b"[1, 2]", b"",
     b"[" * 5000],
    ids=["truncated", "binary", "not-an-object", "empty",
         "nested-too-deep"],  # a RecursionError stopped the reader at every start
)
def test_damaged_file_is_set_aside_and_defaults_used(
        damage: bytes, caplog: pytest.LogCaptureFixture) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(damage)
    settings, notice = load_settings()
    assert settings == Settings()
    assert notice and "could not be read" in notice and "settings.json.bak" in notice
    assert path.with_name("settings.json.bak").read_bytes() == damage
    assert not path.exists()
    assert f"damaged settings file {path}: " in caplog.text  # the detail, for IT
    assert load_settings() == (Settings(), None)  # told once, not at every start


def test_a_folder_where_the_settings_file_should_be_is_moved_aside_and_said() -> None:
    path = settings_path()
    path.mkdir(parents=True)
    (path / "left.txt").write_text("what someone left there")
    settings, notice = load_settings()
    assert settings == Settings()
    assert notice and "settings.json is a folder" in notice and "settings.json.bak" in notice
    # nothing in it is lost, and the settings can be saved again
    assert (path.with_name("settings.json.bak") / "left.txt").read_text() == \
        "what someone left there"
    save_settings(Settings(theme="dark"))
    assert load_settings() == (Settings(theme="dark"), None)


def test_a_settings_file_far_too_large_is_set_aside_unread() -> None:
    path = settings_path()
    path.parent.mkdir(parents=True)
    with path.open("wb") as handle:  # sparse: no disk space used
        handle.truncate(MAX_USER_FILE_BYTES + 1)
    # read whole, a file of gigabytes took all the memory, and stopped every start
    settings, notice = load_settings()
    assert settings == Settings()
    assert notice and "settings.json is far too large, at 50 MB" in notice
    assert path.with_name("settings.json.bak").stat().st_size == MAX_USER_FILE_BYTES + 1


def test_a_second_damaged_file_does_not_replace_the_first_kept_aside() -> None:
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"first damage")
    load_settings()
    path.write_bytes(b"second damage")
    _settings, notice = load_settings()
    assert notice and "settings.json.bak-2" in notice
    assert path.with_name("settings.json.bak").read_bytes() == b"first damage"
    assert path.with_name("settings.json.bak-2").read_bytes() == b"second damage"


def test_a_hand_broken_value_falls_back_alone() -> None:
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"format": 1, "settings": {
        "theme": "dark", "stale_after_months": "six", "zoom_steps": "large",
        "restore_session": 1, "from_a_newer_reader": "x"}}))
    settings, notice = load_settings()
    assert settings == Settings(theme="dark")
    # said, not silently written over at the next save; a key this version lacks is no fault
    assert notice == ("Some of your settings could not be read (when to warn that the edition "
                      "may be out of date; the text size; reopening the tabs at start), so "
                      "those are back to their defaults.")


def test_large_text_from_an_earlier_version_stays_as_large_as_it_can_be(
        caplog: pytest.LogCaptureFixture) -> None:
    settings_path().parent.mkdir(parents=True)
    # versions before the body text grew with Ctrl+Plus allowed 20 steps: people who need
    # large text pressed it far, and must not find normal-size text after an upgrade
    settings_path().write_text('{"format": 1, "settings": {"zoom_steps": 12}}')
    with caplog.at_level(logging.INFO, logger="reader.settings"):
        assert load_settings() == (Settings(zoom_steps=MAX_STEPS), None)
    assert f"zoom_steps is 12, past the last there is; {MAX_STEPS} is used" in caplog.text
    settings_path().write_text('{"format": 1, "settings": {"zoom_steps": -8}}')
    assert load_settings() == (Settings(zoom_steps=MIN_STEPS), None)


def test_true_is_no_number_of_months() -> None:
    settings_path().parent.mkdir(parents=True)
    settings_path().write_text('{"format": 1, "settings": {"stale_after_months": true}}')
    settings, notice = load_settings()
    assert settings.stale_after_months == 6 and notice and "edition may be out of" in notice


def test_no_months_is_no_age_for_the_edition_banner() -> None:
    # 0 would warn on the day the edition came out
    save_settings(Settings(stale_after_months=0))
    assert load_settings()[0].stale_after_months == 6
    save_settings(Settings(stale_after_months=1))
    assert load_settings()[0].stale_after_months == 1
    save_settings(Settings(stale_after_months=120))  # ten years: the longest there is
    assert load_settings()[0].stale_after_months == 120
    save_settings(Settings(stale_after_months=121))
    assert load_settings()[0].stale_after_months == 6


@pytest.mark.parametrize(("written", "theme"), [
    ("High contrast", "high-contrast"), ("high_contrast", "high-contrast"), (" Dark ", "dark"),
    ("LIGHT", "light")])
def test_a_theme_written_as_the_menu_names_it_is_the_theme(written: str, theme: str) -> None:
    # IT presetting a theme writes it as View > Theme shows it: the person who needs high
    # contrast got the system's colours, and at every start a notice they could do nothing about
    settings_path().parent.mkdir(parents=True)
    settings_path().write_text(json.dumps({"format": 1, "settings": {"theme": written}}))
    settings, notice = load_settings()
    assert settings.theme == theme
    assert notice is None


def test_unknown_theme_falls_back_to_system() -> None:
    save_settings(Settings(theme="purple"))
    assert load_settings()[0].theme == "system"


def test_process_killed_in_the_middle_of_a_save_keeps_the_old_settings() -> None:
    save_settings(Settings(theme="dark"))
    # a second save that dies after writing half of the new file, before the rename
    script = (
        "import os\n"
        "from reader.settings import Settings, save_settings\n"
        "def die(fd):\n"
        "    os._exit(9)\n"
        "os.fsync = die\n"
        "save_settings(Settings(theme='light'))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO, env=dict(os.environ),
                            capture_output=True, timeout=60)
    assert result.returncode == 9
    assert load_settings() == (Settings(theme="dark"), None)
    leftovers = [p for p in settings_path().parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers  # the half-written temporary file is what the kill left behind
    hour_ago = time.time() - 3600
    for leftover in leftovers:
        os.utime(leftover, (hour_ago, hour_ago))
    save_settings(Settings(theme="light"))  # the next save works and tidies up
    assert load_settings()[0].theme == "light"
    assert not [p for p in settings_path().parent.iterdir() if p.name.endswith(".tmp")]


def test_a_save_that_fails_keeps_the_old_settings_and_leaves_nothing_behind(
        monkeypatch: pytest.MonkeyPatch) -> None:
    save_settings(Settings(theme="dark"))

    def full_disk(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patch, pytest.raises(OSError):
        patch.setattr(os, "fsync", full_disk)
        save_settings(Settings(theme="light"))
    assert load_settings() == (Settings(theme="dark"), None)
    # a hidden half-written file left at each failed save would pile up in the profile (the
    # empty lock file stays, as beside bookmarks.json)
    assert sorted(p.name for p in settings_path().parent.iterdir()) == [
        "settings.json", "settings.json.lock"]


def test_a_save_leaves_another_readers_write_in_progress_alone() -> None:
    save_settings(Settings(theme="dark"))
    # another window's save, between writing its temporary file and renaming it
    theirs = settings_path().parent / f".{settings_path().name}.abc123.tmp"
    theirs.write_text('{"format": 1}', encoding="utf-8")
    save_settings(Settings(theme="light"))
    assert theirs.exists()  # deleting it would make their save fail


@pytest.mark.parametrize("platformdirs_says", ["raises", "~/.local/share/procedures-reader"])
def test_an_account_without_a_home_folder_keeps_its_files_in_a_private_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path, platformdirs_says: str,
) -> None:
    lose_home_folder(monkeypatch, tmp_path,
                     None if platformdirs_says == "raises" else platformdirs_says)
    monkeypatch.chdir(tmp_path)  # a relative "~" folder, if one were used, lands here
    save_settings(Settings(theme="dark"))  # no traceback: the reader opens
    assert load_settings()[0].theme == "dark"
    folder = settings_path().parent.parent
    assert folder.parent == tmp_path and folder.name.startswith("procedures-reader-")
    assert folder.stat().st_mode & 0o077 == 0  # history and bookmarks are the person's own


def test_a_file_saved_again_by_notepad_with_a_byte_order_mark_is_read() -> None:
    save_settings(Settings(theme="dark"))
    settings_path().write_bytes(b"\xef\xbb\xbf" + settings_path().read_bytes())
    assert load_settings() == (Settings(theme="dark"), None)


def test_a_file_saved_again_by_notepad_as_unicode_is_read_and_kept_whole() -> None:
    # Notepad's "Unicode" is UTF-16: it was set aside as damaged, the settings lost
    save_settings(Settings(theme="dark"))
    held = json.loads(settings_path().read_text(encoding="utf-8"))
    held["settings"]["from_a_newer_reader"] = 1
    settings_path().write_text(json.dumps(held), encoding="utf-16")
    assert load_settings() == (Settings(theme="dark"), None)
    save_settings(Settings(theme="light"))  # what a newer reader added is kept
    saved = json.loads(settings_path().read_text(encoding="utf-8"))["settings"]
    assert saved["theme"] == "light" and saved["from_a_newer_reader"] == 1


def test_a_settings_folder_that_cannot_be_read_gives_defaults_and_says_why(monkeypatch) -> None:
    real_is_file = Path.is_file

    def denied(path: Path) -> bool:  # as for a folder another account made, mode 0700
        if path == settings_path():
            raise PermissionError(13, "Permission denied")
        return real_is_file(path)

    monkeypatch.setattr(Path, "is_file", denied)
    settings, notice = load_settings()
    assert settings == Settings()
    assert notice and "could not be read (Permission denied)" in notice



def test_a_settings_file_that_cannot_be_opened_is_kept_and_says_why(monkeypatch) -> None:
    save_settings(Settings(theme="dark"))
    real_read = Path.read_bytes

    def denied(path: Path) -> bytes:
        if path == settings_path():  # as for a file another account made, mode 0600
            raise PermissionError(13, "Permission denied", str(path))
        return real_read(path)

    monkeypatch.setattr(Path, "read_bytes", denied)
    settings, notice = load_settings()
    assert settings == Settings()
    folder = settings_path().parent
    assert notice == ("Your settings could not be read (Permission denied), so the defaults are "
                      f"used. The file was kept as settings.json.bak in {folder}.")
    assert (folder / "settings.json.bak").is_file()


def test_a_settings_file_made_read_only_is_not_written_over(monkeypatch) -> None:
    save_settings(Settings(theme="dark"))
    real_access = os.access
    # tests run as root, to whom every file is writable: as for the person it is not
    monkeypatch.setattr(os, "access", lambda path, mode: False if Path(path) ==
                        settings_path().resolve() else real_access(path, mode))
    with pytest.raises(PermissionError, match="read-only"):
        save_settings(Settings(theme="light"))
    assert load_settings()[0].theme == "dark"


def test_settings_a_newer_reader_wrote_are_kept_at_the_next_save() -> None:
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"format": 1, "written_by": "2.0", "settings": {
        "theme": "dark", "from_a_newer_reader": {"columns": 2}}}))
    settings, _notice = load_settings()
    save_settings(replace(settings, zoom_steps=2))
    saved = json.loads(path.read_text())
    assert saved["settings"]["from_a_newer_reader"] == {"columns": 2}
    assert saved["written_by"] == "2.0"
    assert load_settings() == (Settings(theme="dark", zoom_steps=2), None)


@pytest.mark.parametrize(("found", "said"), [
    (2, "Your settings file is from a newer version of the reader, which this one cannot read"),
    ("2", "Your settings could not be read"),  # not a format any reader writes: damaged
])
def test_settings_in_a_newer_readers_format_are_told_apart_from_damage(
        found: object, said: str, caplog: pytest.LogCaptureFixture) -> None:
    # a newer reader used the profile, then IT put this one back
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"format": found, "settings": {"theme": "dark"}}))
    settings, notice = load_settings()
    assert settings == Settings()
    assert notice is not None and notice.startswith(said)
    assert "kept as settings.json.bak" in notice
    logged = "is from a newer reader" if found == 2 else "damaged settings file"
    assert logged in caplog.text
    assert json.loads(path.with_name("settings.json.bak").read_text())["format"] == found
    assert load_settings() == (Settings(), None)  # told once, not at every start


@pytest.mark.skipif(os.name != "posix", reason="permissions as POSIX has them")
def test_a_saved_file_keeps_its_permissions_and_a_new_one_gets_the_usual() -> None:
    # the temporary file renamed into place is private to its owner: a file only one account
    # can read breaks a shared install, and undoes what IT set
    save_settings(Settings(theme="dark"))
    umask = os.umask(0o022)
    os.umask(umask)
    assert settings_path().stat().st_mode & 0o777 == 0o666 & ~umask
    settings_path().chmod(0o640)
    save_settings(Settings(theme="light"))
    assert settings_path().stat().st_mode & 0o777 == 0o640


def test_a_folder_that_cannot_be_synced_after_the_save_does_not_make_it_a_failure(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    save_settings(Settings(theme="dark"))
    real_open = os.open

    def open_refusing_folders(path, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
        if Path(path).is_dir():  # as some network file systems refuse to sync a folder
            raise OSError(22, "Invalid argument")
        return real_open(path, flags, *args, **kwargs)

    with monkeypatch.context() as patched:
        patched.setattr(os, "open", open_refusing_folders)
        save_settings(Settings(theme="light"))  # the file is in place: no error to report
    assert load_settings() == (Settings(theme="light"), None)


def test_a_folder_that_cannot_be_synced_is_logged_once_a_run(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
) -> None:
    save_settings(Settings(theme="dark"))
    real_open = os.open

    def open_refusing_folders(path, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
        if Path(path).is_dir():
            raise OSError(22, "Invalid argument")
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_refusing_folders)
    with caplog.at_level(logging.WARNING):
        for zoom in range(5):  # as history is saved at every page opened
            save_settings(Settings(zoom_steps=zoom))
    assert sum("could not be synced" in r.getMessage() for r in caplog.records) == 1
    assert load_settings() == (Settings(zoom_steps=4), None)


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="the folder is named by a POSIX user id")
def test_a_stand_in_home_folder_someone_else_set_up_is_not_used(
    monkeypatch: pytest.MonkeyPatch, tmp_path,
) -> None:
    lose_home_folder(monkeypatch, tmp_path)
    # another account got there first: a link under the expected name, to a folder it reads
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    (tmp_path / f"procedures-reader-{os.getuid()}").symlink_to(theirs)
    save_settings(Settings(theme="dark"))
    assert load_settings()[0].theme == "dark"
    assert not any(theirs.iterdir())  # the person's settings went to a folder of their own
    assert settings_path().parent.parent.parent == tmp_path


def test_two_windows_keep_each_others_changes() -> None:
    # two windows open (the icon clicked twice): one chooses the dark theme, then the other,
    # which still holds what both read at start, makes the text larger
    started = load_settings()[0]
    save_settings(replace(started, theme="dark"), started)
    save_settings(replace(started, zoom_steps=2), started)
    assert load_settings() == (Settings(theme="dark", zoom_steps=2), None)


def test_a_save_while_another_window_saves_waits_or_says_so(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from reader import file_lock

    save_settings(Settings(theme="dark"))
    monkeypatch.setattr(file_lock, "WAIT_SECONDS", 0)
    with file_lock.locked(settings_path()), pytest.raises(OSError, match="another reader"):
        save_settings(Settings(zoom_steps=1), Settings())  # the other window, mid-save
    assert load_settings()[0] == Settings(theme="dark")


def test_a_value_this_version_cannot_use_is_replaced_at_the_next_save() -> None:
    # else the person is told "could not be read" at every start, with no way to stop it
    settings_path().parent.mkdir(parents=True)
    settings_path().write_text('{"format": 1, "settings": {"stale_after_months": "six"}}')
    settings, _notice = load_settings()
    save_settings(replace(settings, theme="dark"), settings)
    assert load_settings() == (Settings(theme="dark"), None)


@pytest.mark.parametrize(("name", "value", "said"), [
    ("theme", "purple", "the theme"),
    ("stale_after_months", 0, "when to warn that the edition may be out of date"),  # "never"?
    ("stale_after_months", 500, "when to warn that the edition may be out of date"),
])
def test_a_value_out_of_range_is_said_and_logged(
        name: str, value: object, said: str, caplog: pytest.LogCaptureFixture) -> None:
    settings_path().parent.mkdir(parents=True)
    settings_path().write_text(json.dumps(
        {"format": 1, "settings": {"zoom_steps": 2, name: value}}))
    with caplog.at_level(logging.WARNING, logger="reader.settings"):
        settings, notice = load_settings()
    assert settings == Settings(zoom_steps=2)  # the good value is kept
    assert notice == (f"Some of your settings could not be read ({said}), so those are "
                      "back to their defaults.")
    # whoever edited the file learns what it held, and that the default is used instead
    assert f"{name} is {value!r}, not one this reader can use; the default is used" in (
        caplog.text)


def test_readme_names_every_setting_it_can_preset_and_its_range() -> None:
    from dataclasses import fields

    from reader.settings import THEMES

    text = (REPO / "README.md").read_text("utf-8")
    preset = text[text.index("**Presetting a user's settings**"):]
    preset = " ".join(preset[:preset.index("\n\n")].split())
    assert all(f"`{field.name}`" in preset for field in fields(Settings))
    assert all(f'`"{theme}"`' in preset for theme in THEMES)
    assert f"`zoom_steps` ({MIN_STEPS} to {MAX_STEPS} steps" in preset
    # the example given works as it says
    settings_path().parent.mkdir(parents=True)
    example = preset[preset.index("`{") + 1:preset.index("}`") + 1]
    settings_path().write_text(example)
    assert load_settings() == (Settings(theme="high-contrast", zoom_steps=2), None)


def test_every_setting_has_a_name_a_person_knows() -> None:
    from dataclasses import fields

    from reader.settings import PLAIN_NAMES

    assert set(PLAIN_NAMES) == {field.name for field in fields(Settings)}
    assert not [name for name in PLAIN_NAMES.values() if "_" in name]
