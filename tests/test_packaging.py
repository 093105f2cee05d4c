"""What the frozen app's spec keeps of Qt, checked without building the app."""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QLibraryInfo

from reader.image_safety import NOT_AN_IMAGE

SPEC = Path(__file__).resolve().parents[1] / "packaging" / "procedures-reader.spec"
# the pictures a chapter may hold, as README and the page's own message name them
PICTURE_FORMATS = ("PNG", "JPEG", "GIF", "BMP", "WebP", "TIFF", "SVG")
BUILT_INTO_QT = {"PNG", "BMP"}  # QtGui reads these without a plugin


def spec_value(name: str) -> object:
    """A constant the spec assigns, read without running PyInstaller."""
    for node in ast.parse(SPEC.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.AnnAssign | ast.Assign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == name for t in targets):
                assert node.value is not None
                return ast.literal_eval(node.value)
    raise AssertionError(f"{name} is not assigned in {SPEC.name}")


def test_the_formats_checked_here_are_those_the_reader_names() -> None:
    for name in PICTURE_FORMATS:
        assert name in NOT_AN_IMAGE


@pytest.mark.parametrize("name", sorted(set(PICTURE_FORMATS) - BUILT_INTO_QT))
def test_the_frozen_app_keeps_the_qt_plugin_for_each_picture_format(name: str) -> None:
    # a picture the source checkout shows must show in the installed app too
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "imageformats"
    plugins = [p.name for p in folder.iterdir() if name.lower() in p.name.lower()]
    assert plugins, f"this Qt has no {name} plugin in {folder}"
    kept = spec_value("QT_PLUGINS_KEPT")["imageformats"]  # type: ignore[index]
    assert any(fragment in plugin for plugin in plugins for fragment in kept), (
        f"the frozen app leaves out Qt's {name} plugin")


# the oldest systems each Qt runs on (doc.qt.io/qt-6.N/windows.html and macos.html)
QT_OLDEST_SYSTEMS = {(6, 11): {"windows": "10.0.17763", "macos": "13.0"}}


def _oldest_systems() -> dict[str, str]:
    import PySide6

    qt = tuple(PySide6.__version_info__[:2])
    assert qt in QT_OLDEST_SYSTEMS, f"look up the systems Qt {qt} runs on, and set them here, " \
        "in the spec and in the Windows installer"
    return QT_OLDEST_SYSTEMS[qt]  # type: ignore[index]


def test_the_windows_installer_refuses_a_windows_qt_cannot_run_on() -> None:
    # Inno Setup's own floor is Windows 7: Setup installed there, and the app then failed to
    # start with a missing-DLL error
    script = (SPEC.parent / "procedures-reader.iss").read_text(encoding="utf-8")
    setup = script.split("[Setup]", 1)[1].split("\n[", 1)[0]
    assert f"MinVersion={_oldest_systems()['windows']}" in setup.splitlines()


def test_the_mac_app_says_which_macos_it_needs() -> None:
    # it said macOS 11, where the Qt it carries does not start: a crash, not Finder's message
    assert spec_value("MACOS_MINIMUM") == _oldest_systems()["macos"]
    assert '"LSMinimumSystemVersion": MACOS_MINIMUM' in SPEC.read_text(encoding="utf-8")


def test_the_app_is_built_with_the_bundled_manifest_and_only_a_current_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    import build_installer

    monkeypatch.setattr(build_installer, "STAGING", tmp_path / "staging")
    staged = build_installer.copy_content()  # the folder the spec packs into the app
    assert (staged / "content-manifest.json").is_file()
    repo = tmp_path / "repo"
    shutil.copytree(SPEC.parents[1] / "content", repo / "content")
    (repo / "content" / "manual.json").write_text("{}\n", encoding="utf-8")
    monkeypatch.setattr(build_installer, "REPO", repo)
    with pytest.raises(build_installer.BuildError,
                       match=r"manual.json changed.*`python -m reader write-manifest`"):
        build_installer.copy_content()


def test_the_app_carries_the_licence_of_every_part_it_bundles(tmp_path: Path) -> None:
    # the archive held Markdown's licence alone: Qt's LGPL, Python's and the rest asked
    # IT to pass on texts the app did not have
    import build_installer

    folder = tmp_path / "licenses"
    build_installer.write_licences(folder)
    listed = (folder / "README.txt").read_text(encoding="utf-8").splitlines()
    parts = {line[2:].split()[0]: line for line in listed if line.startswith("- ")}
    for part in ("Python", "PySide6_Essentials", "shiboken6", "Markdown", "platformdirs",
                 "Whoosh", "beautifulsoup4", "markdownify"):
        assert part in parts, f"{part} is not listed in licenses/README.txt"
    assert "PYTHON SOFTWARE FOUNDATION LICENSE" in (
        folder / "Python-LICENSE.txt").read_text(encoding="utf-8")
    for line in parts.values():  # each file named is there, and holds a licence
        files = line.rsplit("(", 1)[1].rstrip(")")
        if not files.startswith("no licence text"):
            for name in files.split(", "):
                assert (folder / name).stat().st_size > 500, name


def test_whoosh_travels_with_its_copyright_and_licence(tmp_path: Path) -> None:
    # Whoosh's wheel ships no licence file, and its BSD licence asks that its notice travel
    # with binary copies: README.txt said "no licence text" and the archive had none
    import build_installer

    folder = tmp_path / "licenses"
    build_installer.write_licences(folder)
    listed = (folder / "README.txt").read_text(encoding="utf-8").splitlines()
    (whoosh,) = [line for line in listed if line.startswith("- Whoosh ")]
    assert whoosh.endswith("(Whoosh-LICENSE.txt)"), whoosh
    text = (folder / "Whoosh-LICENSE.txt").read_text(encoding="utf-8")
    assert "Copyright 2011 Matt Chaput. All rights reserved." in text
    assert "Redistributions in binary form must reproduce the above copyright" in text


def test_the_libraries_qt_brings_from_other_projects_are_named_with_their_notice(
        tmp_path: Path) -> None:
    # Qt's wheel carries ICU, under Unicode's licence, beside Qt's own libraries: only the
    # LGPL and GPL were listed, so ICU was in the app with nothing said of it
    import build_installer

    icu = sorted(Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.LibrariesPath)).glob(
        "libicu*.so.*"))
    if not icu:
        pytest.skip("this Qt carries no ICU of its own")
    folder = tmp_path / "licenses"
    build_installer.write_licences(folder)
    listed = (folder / "README.txt").read_text(encoding="utf-8").splitlines()
    (line,) = [line for line in listed if line.startswith("- ICU ")]
    for library in icu:
        assert library.name in line
    assert '"Copyright (C) 2016 and later: Unicode, Inc. and others.' in line
    assert line.endswith("(no licence text shipped with it; see its project page)")
    assert any("Licenses Used in Qt" in line for line in listed)


def _system_zlib() -> Path:
    """The system's zlib, as the dynamic linker finds it: a library PyInstaller bundles."""
    import shutil
    import subprocess

    ldconfig = shutil.which("ldconfig") or shutil.which("ldconfig", path="/sbin:/usr/sbin")
    if ldconfig is None or shutil.which("dpkg-query") is None:
        pytest.skip("needs a Debian or Ubuntu system (ldconfig and dpkg-query)")
    listed = subprocess.run([ldconfig, "-p"], capture_output=True, text=True).stdout
    found = [Path(line.split(" => ")[1]) for line in listed.splitlines()
             if line.strip().startswith("libz.so.1 ") and "x86-64" in line]
    if not found:
        pytest.skip("no libz.so.1 here")
    return found[0]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux system libraries")
def test_the_app_carries_the_copyright_of_each_system_library_it_bundles(
        tmp_path: Path) -> None:
    # the archive brought CUPS, Kerberos, X11's helpers and more from the build machine
    # with none of their licences, where the Python parts' were all there
    import build_installer

    app = tmp_path / "procedures-reader"
    (app / "_internal").mkdir(parents=True)
    zlib = _system_zlib()
    (app / "_internal" / "libz.so.1").write_bytes(zlib.read_bytes())
    # a library from nowhere the build machine's packages know: said, the build goes on
    (app / "_internal" / "libmadehere.so.2").write_bytes(b"\x7fELF not from a package")
    folder = app / "licenses"
    build_installer.write_licences(folder, app)
    listed = (folder / "README.txt").read_text(encoding="utf-8").splitlines()
    lines = {line[2:].split()[0].rstrip(":"): line for line in listed if line.startswith("- ")}
    assert lines["libz.so.1"].startswith("- libz.so.1 from zlib1g ")
    assert lines["libz.so.1"].endswith(": Zlib (system-libraries/zlib1g-copyright.txt)")
    assert "Jean-loup Gailly" in (folder / "system-libraries" / "zlib1g-copyright.txt"
                                  ).read_text(encoding="utf-8")
    assert "no licence text found" in lines["libmadehere.so.2"]
    # Python's own parts are not taken for system libraries, nor PySide6's Qt
    assert not any(name.startswith(("libQt6", "libpython", "_ssl")) for name in lines)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux system libraries")
def test_the_linux_app_leaves_the_cpp_runtime_to_the_laptop_and_says_so(
        tmp_path: Path) -> None:
    # the build machine's libstdc++ and libgcc_s travelled with the app, and were loaded
    # before a laptop's newer one that its OpenGL driver or input method then asked for
    import shutil

    import build_installer

    left = spec_value("LINUX_SYSTEM_RUNTIME")
    assert set(left) >= {"libstdc++.so.6", "libgcc_s.so.1"}  # type: ignore[arg-type]
    qt_core = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.LibrariesPath)) / (
        "libQt6Core.so.6")
    if shutil.which("objdump") is None or not qt_core.is_file():
        pytest.skip("needs objdump and Qt's own libraries")
    app = tmp_path / "procedures-reader"
    (app / "_internal").mkdir(parents=True)
    shutil.copyfile(qt_core, app / "_internal" / qt_core.name)
    folder = app / "licenses"
    build_installer.write_licences(folder, app)
    readme = (folder / "README.txt").read_text(encoding="utf-8")
    (said,) = [line for line in readme.splitlines() if line.startswith("Not carried:")]
    assert "(libstdc++.so.6, libgcc_s.so.1)" in said
    assert re.search(r"glibc's GLIBC_2\.\d+ and libstdc\+\+'s GLIBCXX_3\.4\.\d+ or newer",
                     said), said


def test_the_mac_archive_is_named_with_the_whole_version_and_machine(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # it came out as procedures-reader-0.1.zip: the version's last dot taken for a suffix
    import build_installer

    ran: list[list[str]] = []
    monkeypatch.setattr(build_installer.sys, "platform", "darwin")
    monkeypatch.setattr(build_installer.platform, "machine", lambda: "arm64")
    monkeypatch.setattr(build_installer, "DIST", tmp_path)
    monkeypatch.setattr(build_installer, "_run", ran.append)
    archive = build_installer.package(tmp_path / build_installer.MAC_APP)
    assert archive.name == f"procedures-reader-{build_installer.__version__}-macos-arm64.zip"
    assert ran and ran[0][-1] == str(archive)
