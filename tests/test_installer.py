"""The one-file install: build_installer.py makes an app that works from a read-only folder.

Slow (about a minute: it freezes the app with PyInstaller), so `make test` leaves it out and
.ci/run runs it with `make installer-test`.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import REPO

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="checks the Linux archive"),
]
APP = "procedures-reader"


@pytest.fixture(scope="module")
def build_output() -> str:
    """Build the installer once (the build smoke-tests it too); what the build printed."""
    pytest.importorskip("PyInstaller", reason="pip install -e '.[build]'")
    done = subprocess.run(
        [sys.executable, "build_installer.py"], cwd=REPO, capture_output=True, text=True,
        timeout=900,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-5000:]
    return output


@pytest.fixture(scope="module")
def archive(build_output: str) -> Path:
    (found,) = (REPO / "dist").glob(f"{APP}-*-linux-*.tar.gz")
    return found


def test_build_smoke_tests_the_frozen_app(build_output: str) -> None:
    assert "selftest passed" in build_output
    assert "(shipped, used read-only)" in build_output
    assert "the app folder was left unchanged" in build_output
    assert "smoke test passed" in build_output
    if os.geteuid() == 0:
        assert "running the app as nobody, from a read-only folder" in build_output
    if shutil.which("strace"):
        assert "no internet socket opened (strace)" in build_output


def test_archive_holds_app_content_index_desktop_file_and_icon(archive: Path) -> None:
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
    for expected in (
        f"{APP}/{APP}", f"{APP}/{APP}.desktop", f"{APP}/{APP}.svg",
        f"{APP}/licenses/README.txt", f"{APP}/licenses/Python-LICENSE.txt",
        f"{APP}/_internal/content/contents.json",
        f"{APP}/_internal/content/content-manifest.json",  # the bundled edition's digest
        f"{APP}/_internal/content/.index/manifest.json",
        f"{APP}/_internal/resources/styles/light.css",
        f"{APP}/_internal/resources/icons/{APP}.svg",
    ):
        assert expected in names
    left_out = [name for name in names if any(part in name for part in (
        "screenshot.png", "libQt6Qml", "libQt6Quick", "libQt6Network", "libQt6Pdf",
        "WebEngine", "Multimedia", "plugins/sqldrivers", "plugins/tls", "translations/",
    ))]
    assert left_out == []


def test_the_licences_name_each_system_library_the_app_bundles(archive: Path) -> None:
    # CUPS for printing, and what it and Qt bring from the build machine, came with no
    # licence text: each is listed with its package, and the package's copyright travels
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
        extracted = tar.extractfile(f"{APP}/licenses/README.txt")
        assert extracted is not None
        readme = extracted.read().decode()
        libraries = {Path(member.name).name for member in tar.getmembers()
                     if member.isfile() and re.search(r"\.so(\.\d+)*$", member.name)
                     and not any(part in member.name for part in (
                         "/PySide6/", "/shiboken6/", "/lib-dynload/", "/libpython"))}
    listed = {line[2:].split()[0].rstrip(":"): line for line in readme.splitlines()
              if line.startswith("- ")}
    assert "libcups.so.2" in libraries
    # the laptop's own C++ runtime is used, never an older copy from the build machine
    assert not libraries & {"libstdc++.so.6", "libgcc_s.so.1"}
    assert "(libstdc++.so.6, libgcc_s.so.1) are used" in readme
    assert "- ICU " in readme and "- Whoosh " in readme
    assert f"{APP}/licenses/Whoosh-LICENSE.txt" in names
    assert sorted(libraries - set(listed)) == []
    if shutil.which("dpkg-query"):  # a Debian or Ubuntu build machine
        assert listed["libcups.so.2"].startswith("- libcups.so.2 from libcups2 ")
        assert f"{APP}/licenses/system-libraries/libcups2-copyright.txt" in names
        for library in libraries:  # each found in a package, with its copyright file
            assert "(system-libraries/" in listed[library], listed[library]


@pytest.fixture
def place() -> Iterator[Path]:
    """A folder that another user can reach (pytest's own temporary folders are private)."""
    with tempfile.TemporaryDirectory(prefix="reader-installer-test-") as folder:
        Path(folder).chmod(0o755)
        yield Path(folder)
        for base, dirs, _ in os.walk(folder):  # read-only folders cannot be emptied
            for name in dirs:
                (Path(base) / name).chmod(0o755)


def _unprivileged(home: Path) -> list[str]:
    """The command prefix that drops root (who ignores permissions), or none if not root."""
    if os.geteuid() != 0:
        return []
    import pwd

    user = pwd.getpwnam("nobody")
    os.chown(home, user.pw_uid, user.pw_gid)
    return ["setpriv", f"--reuid={user.pw_uid}", f"--regid={user.pw_gid}", "--clear-groups"]


def _run_app(app: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": os.environ["PATH"], "HOME": str(home), "QT_QPA_PLATFORM": "offscreen",
        "XDG_CACHE_HOME": str(home / "cache"), "XDG_STATE_HOME": str(home / "state"),
        "XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config"),
    }
    return subprocess.run([*_unprivileged(home), str(app / APP), *args], env=env,
                          capture_output=True, text=True, timeout=120)


def _unpack(archive: Path, where: Path) -> Path:
    where.mkdir(mode=0o755)
    with tarfile.open(archive) as tar:
        tar.extractall(where, filter="tar")
    return where / APP


def test_unpacked_read_only_app_works_for_another_user(archive: Path, place: Path) -> None:
    app = _unpack(archive, place / "opt")
    for folder, _, files in os.walk(app):
        for path in [Path(folder), *(Path(folder) / name for name in files)]:
            if not path.is_symlink():
                path.chmod(stat.S_IMODE(path.stat().st_mode) & ~0o222)
    home = place / "home"
    home.mkdir()
    done = _run_app(app, home, "--selftest")
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{app / '_internal' / 'content' / '.index'} (shipped, used read-only)" in done.stdout
    shown = _run_app(app, home, "show", "1.1.1")
    assert shown.returncode == 0
    assert shown.stdout.startswith("1.1.1 Children's Services Policies, Values and Principles")
    assert (home / "state" / APP / "log" / "reader.log").is_file()


def test_frozen_selftest_fails_rather_than_rebuild_a_broken_index(
    archive: Path, place: Path
) -> None:
    app = _unpack(archive, place / "opt")
    (app / "_internal" / "content" / ".index" / "words.json").write_text("{}")
    home = place / "home"
    home.mkdir()
    done = _run_app(app, home, "--selftest")
    assert done.returncode == 1
    assert "cannot be used (a file of it was cut short or has grown)" in done.stdout
    assert not (home / "cache" / APP / "search-index").exists()
