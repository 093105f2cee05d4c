"""Build the offline app for this platform and smoke-test it: `python build_installer.py`.

1. Stage a copy of content/ in build/installer/, its manifest checked, and build its search
   index there, with this Python (the index records the Python and Whoosh versions that may
   read it).
2. Freeze the reader with PyInstaller (packaging/procedures-reader.spec, one-folder mode).
3. Pack it for this platform into dist/: Linux a .tar.gz (app folder, .desktop file, icon);
   Windows an Inno Setup installer if `iscc` is on PATH, else a .zip; macOS a zipped .app.
4. Smoke-test it offscreen: `--selftest` and `--screenshot`. On Linux this runs from the
   unpacked archive made read-only, as an unprivileged user when run as root, under strace
   when it is installed, and fails on any internet socket or any change to the app folder.
"""

from __future__ import annotations

import argparse
import filecmp
import functools
import os
import platform
import re
import shutil
import stat
import subprocess
import sys
import sysconfig
import tarfile
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from reader import APP_NAME, __version__

REPO = Path(__file__).resolve().parent
SPEC = REPO / "packaging" / "procedures-reader.spec"
ISS = REPO / "packaging" / "procedures-reader.iss"
STAGING = REPO / "build" / "installer"  # the spec reads content from STAGING / "content"
WORK = REPO / "build" / "pyinstaller"
DIST = REPO / "dist"
MAC_APP = "Procedures Reader.app"
UNPRIVILEGED_USER = "nobody"
SYSTEM_LICENCES = "system-libraries"  # licenses/ subfolder: the system packages' copyrights
SHARED_LIBRARY = re.compile(r"\.so(\.\d+)*$")  # libcups.so.2, libbz2.so.1.0
# libraries a Python part's wheel carries that are not its own, by name prefix: their project
WHEEL_LIBRARIES = {"libicu": "ICU"}  # PySide6's Linux wheel: Unicode's ICU, for QtCore
# licence texts kept in the repo for bundled parts whose packages ship none ("NAME-VERSION-
# LICENSE.txt", each saying where it came from): a new version needs its own text
KEPT_LICENCES = REPO / "packaging" / "licences"

if TYPE_CHECKING:
    from importlib.metadata import Distribution


class BuildError(Exception):
    """A step failed; the message says which and why."""


def say(message: str) -> None:
    print(f"build_installer: {message}", flush=True)


def stage_content() -> Path:
    """A fresh copy of content/ with its prebuilt, read-only search index."""
    content = copy_content()
    for command in (["validate"], ["index", "--prebuilt"]):
        _run([sys.executable, "-m", "reader", *command, "--content", str(content)])
    return content


def copy_content() -> Path:
    """A fresh copy of content/ in the staging folder, its manifest checked: the app reads
    the digest of its edition from it (validate checks it only in content/ itself)."""
    from reader.content_archive import folder_manifest_fault
    from reader.manifest_digest import MANIFEST_NAME

    content = STAGING / "content"
    shutil.rmtree(STAGING, ignore_errors=True)
    # the repo's own .index, if any, is left behind: the index is built anew for this Python
    shutil.copytree(REPO / "content", content,
                    ignore=shutil.ignore_patterns(".*", "__pycache__"))
    if fault := folder_manifest_fault(content):
        raise BuildError(f"content/{MANIFEST_NAME}: {fault}")
    return content


def make_icons() -> None:
    """The icon as .ico (Windows) or .icns (macOS), drawn from the SVG by Qt."""
    target = {"win32": "icon.ico", "darwin": "icon.icns"}.get(sys.platform)
    if target is None:
        return  # Linux desktops use the SVG as it is
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication, QIcon

    _app = QGuiApplication.instance() or QGuiApplication([])
    image = QIcon(str(REPO / "resources" / "icons" / f"{APP_NAME}.svg")).pixmap(256, 256)
    if not image.save(str(STAGING / target)):
        say(f"could not write {target}; the app keeps the default icon")


def freeze() -> Path:
    """Run PyInstaller on the spec; the app folder (or .app on macOS) in dist/."""
    shutil.rmtree(WORK, ignore_errors=True)
    for old in (DIST / APP_NAME, DIST / MAC_APP):
        shutil.rmtree(old, ignore_errors=True)
    _run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
          "--distpath", str(DIST), "--workpath", str(WORK), str(SPEC)])
    return DIST / (MAC_APP if sys.platform == "darwin" else APP_NAME)


def licences_folder(app: Path) -> Path:
    """Where the bundled parts' licences go: beside the program, or in a Mac app's Resources."""
    return app / "Contents" / "Resources" / "licenses" if sys.platform == "darwin" else (
        app / "licenses")


def write_licences(folder: Path, app: Path | None = None) -> None:
    """Each bundled part's licence, as its package ships it, and README.txt listing them all:
    their licences (the LGPL's for Qt, BSD's, MIT's) ask that the text travel with the app.
    With the frozen `app` on Linux, the system libraries in it too (write_system_licences)."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = [f"{APP_NAME} {__version__} bundles these parts; their licences are in this folder.",
             ""]
    # the names of the app's files, once: each part's libraries are looked for among them
    carried = {path.name for path in _tree(app)} if app is not None else None
    python_licence = next(Path(sys.base_prefix).glob("lib/python3*/LICENSE.txt"), None) or (
        Path(sys.base_prefix) / "LICENSE.txt")  # Windows keeps it at the top
    lines.append(_licence_line(f"Python {platform.python_version()}", "PSF-2.0",
                               _copy_licence(python_licence, folder / "Python-LICENSE.txt")))
    for dist in _bundled_distributions():
        name, version = dist.metadata["Name"], dist.version
        declared = (dist.metadata.get("License-Expression") or dist.metadata.get("License")
                    or _classifier_licence(dist))
        copied = [
            _copy_licence(Path(str(dist.locate_file(file))),
                          folder / f"{name}-{'-'.join(file.parts[1:])}")
            for file in dist.files or []
            if file.parts[0].endswith(".dist-info")
            and any(word in file.name.upper() for word in ("LICEN", "COPYING", "NOTICE"))
        ]
        if not any(copied):  # Whoosh's wheel has none: the text from its sources, if kept
            copied = [_copy_licence(KEPT_LICENCES / f"{name}-{version}-LICENSE.txt",
                                    folder / f"{name}-LICENSE.txt")]
        if not any(copied) and "LGPL-3.0" in declared:
            # Qt's wheels ship no licence text; Debian and Ubuntu keep the LGPL's
            copied = [_copy_licence(Path("/usr/share/common-licenses") / text,
                                    folder / f"{text}.txt") for text in ("LGPL-3", "GPL-3")]
        lines.append(_licence_line(f"{name} {version}", declared.splitlines()[0] if declared
                                   else "licence not stated", *copied))
        lines += _wheel_library_lines(dist, carried)
    if app is not None and sys.platform.startswith("linux"):
        lines += write_system_licences(folder, app) + _system_runtime_lines(app)
    (folder / "README.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _wheel_library_lines(dist: Distribution, carried: set[str] | None) -> list[str]:
    """README.txt's lines for the libraries of other projects in a wheel (and among the app's
    `carried` file names, if given): Qt's wheel carries ICU with no licence text, so each
    says so and quotes the notice its files hold, if any, rather than a text the wheel lacks;
    then a word on the third-party code built into Qt itself."""
    found: dict[str, list[Path]] = {}
    for file in dist.files or []:
        if SHARED_LIBRARY.search(file.name) and ".abi3." not in file.name and (
                project := next((project for prefix, project in WHEEL_LIBRARIES.items()
                                 if file.name.startswith(prefix)), None)) and (
                carried is None or file.name in carried):
            found.setdefault(project, []).append(Path(str(dist.locate_file(file))))
    lines = []
    for project, files in sorted(found.items()):
        files.sort(key=lambda path: path.name)
        version = files[0].name.rsplit(".so.", 1)[-1]  # ICU's major version ends its sonames
        notice = next((text for path in files if (text := _copyright_notice(path))), None)
        lines.append(_licence_line(
            f"{project} {version} ({', '.join(path.name for path in files)}, in "
            f"{dist.metadata['Name']} {dist.version})",
            f'its notice says "{notice}"' if notice else "licence not stated",
            None))
    if dist.metadata["Name"].startswith("PySide6"):
        # seen in 6.11's: libpng and md4c in QtGui, PCRE2 in QtCore, libjpeg-turbo in a plugin
        lines.append("  Qt's libraries and plugins also hold third-party code built into them "
                     "(Qt's documentation lists it under \"Licenses Used in Qt\"); Qt's wheel "
                     "ships no licence text for it.")
    return lines


def _copyright_notice(library: Path) -> str | None:
    """The first copyright notice a binary holds as text that also names a licence."""
    data = library.read_bytes()
    start = data.find(b"Copyright")
    while start != -1:
        begin, end = start, start
        while begin > 0 and 32 <= data[begin - 1] < 127:
            begin -= 1
        while end < len(data) and 32 <= data[end] < 127:
            end += 1
        text = data[begin:end].decode("ascii").strip()
        if "License" in text or "licen" in text:
            return text
        start = data.find(b"Copyright", end)
    return None


def write_system_licences(folder: Path, app: Path) -> list[str]:
    """The copyright file of each Debian or Ubuntu package that a system library in the
    frozen `app` came from (CUPS's libcups and what it brings, X11's helpers), copied into
    SYSTEM_LICENCES, and README.txt's lines for them: one per library, with its package,
    version and licence, or what could not be found. Found afresh at each build, from the
    app itself, so that a library PyInstaller starts to collect is never left out."""
    libraries = _system_libraries(app)
    if not libraries:
        return []
    sources = {library.name: _system_source(library) for library in libraries}
    packages = _packages_of([path for path in sources.values() if path is not None])
    versions = _package_versions(sorted(set(packages.values())))
    (folder / SYSTEM_LICENCES).mkdir(exist_ok=True)
    lines = ["", "System libraries from the build machine, each with the Debian or Ubuntu "
             f"package it came from; the packages' copyright files are in {SYSTEM_LICENCES}/.",
             ""]
    for library in libraries:
        source = sources[library.name]
        package_name = packages.get(source) if source is not None else None
        if source is None:
            lines.append(f"- {library.name}: not found among the build machine's libraries "
                         "(no licence text found for it; see its project page)")
            continue
        if package_name is None:
            lines.append(f"- {library.name}: from {source}, which no Debian or Ubuntu package "
                         "holds (no licence text found for it; see its project page)")
            continue
        name = package_name.split(":")[0]  # libcups2:amd64: its documents are in libcups2
        copyright_file = Path("/usr/share/doc") / name / "copyright"
        copied = _copy_licence(copyright_file,
                               folder / SYSTEM_LICENCES / f"{name}-copyright.txt")
        part = f"{library.name} from {name} {versions.get(package_name, '')}".rstrip()
        if copied is None:
            lines.append(f"- {part} (no licence text found for it: {copyright_file} is "
                         "missing on the build machine)")
            continue
        lines.append(_licence_line(part, _debian_licence(copyright_file),
                                   f"{SYSTEM_LICENCES}/{copied}"))
    return lines


def _system_runtime_lines(app: Path) -> list[str]:
    """README.txt's word on the C and C++ runtime the app leaves to the laptop (the spec's
    LINUX_SYSTEM_RUNTIME), with the newest versions of them its libraries ask for."""
    left = _spec_constant("LINUX_SYSTEM_RUNTIME")
    if not isinstance(left, tuple) or not left:
        return []
    asked = _newest_versions_asked(app)
    needs = " and ".join(f"{library}'s {name}_{asked[name]}" for library, name in (
        ("glibc", "GLIBC"), ("libstdc++", "GLIBCXX")) if name in asked)
    return ["", "Not carried: the laptop's own C library (glibc) and C++ runtime "
            f"({', '.join(left)}) are used, as Qt's wheel expects; a copy from the build "
            "machine could be older than a system library loaded later needs."
            + (f" The app's libraries ask for {needs} or newer." if needs else "")]


def _spec_constant(name: str) -> object:
    """A constant the spec assigns, read without running it (it runs only in PyInstaller)."""
    import ast

    for node in ast.parse(SPEC.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(
                isinstance(target, ast.Name) and target.id == name for target in node.targets):
            return ast.literal_eval(node.value)
    return None


def _newest_versions_asked(app: Path) -> dict[str, str]:
    """The newest GLIBC_ and GLIBCXX_ symbol versions the app's binaries ask for, by objdump
    (which PyInstaller needs on Linux too); none if objdump is missing."""
    objdump = shutil.which("objdump")
    binaries = [str(path) for path in _tree(app) if path.is_file() and not path.is_symlink()
                and (SHARED_LIBRARY.search(path.name) or path.name == APP_NAME)]
    if objdump is None or not binaries:
        return {}
    listed = subprocess.run([objdump, "-T", *binaries], capture_output=True, text=True,
                            check=False).stdout
    newest: dict[str, tuple[int, ...]] = {}
    for name, version in re.findall(r"\b(GLIBC|GLIBCXX)_(\d+(?:\.\d+)+)\b", listed):
        numbers = tuple(int(part) for part in version.split("."))
        newest[name] = max(newest.get(name, numbers), numbers)
    return {name: ".".join(map(str, numbers)) for name, numbers in newest.items()}


def _system_libraries(app: Path) -> list[Path]:
    """The shared libraries in the frozen app that neither Python nor a bundled Python part
    brought, by name: the system's. Links are left out, their targets are counted."""
    ours = {Path(str(file)).name for dist in _bundled_distributions()
            for file in dist.files or []}
    dynload = Path(sysconfig.get_config_var("DESTSHARED") or sys.base_prefix)
    if dynload.is_dir():  # Python's own extension modules: Python's licence covers them
        ours |= {path.name for path in dynload.iterdir()}
    return sorted((path for path in _tree(app) if SHARED_LIBRARY.search(path.name)
                   and path.is_file() and not path.is_symlink() and path.name not in ours
                   and not path.name.startswith("libpython")), key=lambda path: path.name)


def _system_source(library: Path) -> Path | None:
    """The system's file that the library is a copy of, found as the dynamic linker finds
    libraries (its cache); None if the system has no such file."""
    for candidate in _linker_cache().get(library.name, []):
        try:
            if filecmp.cmp(candidate, library, shallow=False):
                return candidate
        except OSError:
            continue
    return None


@functools.cache
def _linker_cache() -> dict[str, list[Path]]:
    """`ldconfig -p`: each library name with the paths it has on this system."""
    ldconfig = shutil.which("ldconfig") or shutil.which("ldconfig", path="/sbin:/usr/sbin")
    if ldconfig is None:
        return {}
    listed = subprocess.run([ldconfig, "-p"], capture_output=True, text=True, check=False)
    found: dict[str, list[Path]] = {}
    for line in listed.stdout.splitlines():
        name, arrow, path = line.strip().partition(" => ")
        if arrow:
            found.setdefault(name.split(" (")[0], []).append(Path(path))
    return found


def _packages_of(paths: list[Path]) -> dict[Path, str]:
    """The Debian or Ubuntu package ("libcups2:amd64") that holds each path, where dpkg knows
    one. Asked under each name the file has: with /lib merged into /usr/lib, dpkg knows
    libz.so.1 in /lib and libcups.so.2 in /usr/lib, whichever the linker names."""
    dpkg_query = shutil.which("dpkg-query")
    if dpkg_query is None or not paths:
        return {}
    names = {path: _other_names(path) for path in paths}
    asked = sorted({str(name) for found in names.values() for name in found})
    # exit 1 where some name is unknown: those are left out of the answer
    answer = subprocess.run([dpkg_query, "-S", *asked], capture_output=True, text=True,
                            check=False)
    owner: dict[str, str] = {}
    for line in answer.stdout.splitlines():
        packages, sep, path = line.partition(": ")
        if sep and not line.startswith("diversion "):
            owner[path.strip()] = packages.split(", ")[0]
    return {path: package for path, found in names.items()
            if (package := next((owner[str(n)] for n in found if str(n) in owner), None))}


def _other_names(path: Path) -> list[Path]:
    """The path, where its links lead, and each with /usr added or taken away."""
    names: list[Path] = []
    for name in (path, path.resolve()):
        text = str(name)
        other = text[len("/usr"):] if text.startswith("/usr/") else f"/usr{text}"
        names += [p for p in (name, Path(other)) if p not in names]
    return names


def _package_versions(packages: list[str]) -> dict[str, str]:
    """Each installed package's version, by the name dpkg gave it."""
    dpkg_query = shutil.which("dpkg-query")
    if dpkg_query is None or not packages:
        return {}
    answer = subprocess.run([dpkg_query, "-W", "-f", "${binary:Package}\t${Version}\n",
                             *packages], capture_output=True, text=True, check=False)
    versions = dict(line.split("\t", 1) for line in answer.stdout.splitlines()
                    if "\t" in line)
    # dpkg names a package of one architecture only without it: ask and answer alike
    return {package: versions.get(package) or versions.get(package.split(":")[0], "")
            for package in packages}


def _debian_licence(copyright_file: Path) -> str:
    """The licence a Debian copyright file gives its files in general: the machine-readable
    format's "Files: *" paragraph, else its header's; other files are read by a person."""
    text = copyright_file.read_text(encoding="utf-8", errors="replace")
    if not text.startswith("Format:"):
        return "licence as stated in its copyright file"
    paragraphs = [_fields(block) for block in text.split("\n\n")]
    for fields in paragraphs[1:]:
        if "*" in fields.get("files", "").split() and fields.get("license"):
            return fields["license"]
    return paragraphs[0].get("license") or "licence as stated in its copyright file"


def _fields(paragraph: str) -> dict[str, str]:
    """A Debian control paragraph's fields, lower-case name to first line."""
    fields: dict[str, str] = {}
    last = ""
    for line in paragraph.splitlines():
        if line[:1] in (" ", "\t"):  # a field going on: Files: listed on the next lines
            if last and not fields[last]:
                fields[last] = line.strip()
            elif last == "files":
                fields[last] += " " + line.strip()
            continue
        name, sep, value = line.partition(":")
        if sep:
            last = name.strip().lower()
            fields[last] = value.strip()
    return fields


def _bundled_distributions() -> list[Distribution]:
    """The reader's run-time dependencies and theirs, extras left out, by name."""
    from importlib.metadata import PackageNotFoundError, distribution

    from packaging.requirements import Requirement

    found: dict[str, Distribution] = {}
    waiting = [APP_NAME]
    while waiting:
        dist = distribution(waiting.pop())
        for text in dist.requires or []:
            requirement = Requirement(text)
            key = requirement.name.lower().replace("_", "-")
            if key in found or (requirement.marker and
                                not requirement.marker.evaluate({"extra": ""})):
                continue
            try:
                found[key] = distribution(requirement.name)
            except PackageNotFoundError:
                continue  # a dependency of this platform only, not installed here
            waiting.append(requirement.name)
    return [found[key] for key in sorted(found)]


def _classifier_licence(dist: Distribution) -> str:
    """The licence a package names only among its classifiers ("License :: OSI ... :: MIT")."""
    said = [c.split(" :: ")[-1] for c in dist.metadata.get_all("Classifier") or []
            if c.startswith("License ::")]
    return said[0] if said else ""


def _copy_licence(source: Path, target: Path) -> str | None:
    """The licence file copied into the app, its name; None if there is none to copy."""
    if not source.is_file():
        return None
    shutil.copyfile(source, target)
    return target.name


def _licence_line(part: str, declared: str, *files: str | None) -> str:
    kept = [name for name in files if name]
    where = ", ".join(kept) if kept else "no licence text shipped with it; see its project page"
    return f"- {part}: {declared} ({where})"


def package(app: Path) -> Path:
    """The archive (or installer) for this platform, in dist/."""
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    base = DIST / f"{APP_NAME}-{__version__}-{system}-{platform.machine().lower()}"
    if sys.platform == "darwin":
        archive = base.with_name(base.name + ".zip")  # the version's dots are no suffix
        archive.unlink(missing_ok=True)
        # ditto keeps the .app's symbolic links and extended attributes, as Finder does
        _run(["ditto", "-c", "-k", "--keepParent", str(app), str(archive)])
        return archive
    if sys.platform == "win32":
        iscc = shutil.which("iscc") or shutil.which("ISCC")
        if iscc:
            _run([iscc, "/Q", f"/DAppVersion={__version__}", f"/DSourceDir={app}",
                  f"/DOutputDir={DIST}", f"/DOutputName={base.name}-setup", str(ISS)])
            return base.with_name(f"{base.name}-setup.exe")
        say("iscc (Inno Setup) not found: making a zip instead")
        return Path(shutil.make_archive(str(base), "zip", root_dir=DIST, base_dir=APP_NAME))
    # Linux: the desktop entry and icon travel inside the app folder, for IT to install
    shutil.copy2(REPO / "resources" / f"{APP_NAME}.desktop", app)
    shutil.copy2(REPO / "resources" / "icons" / f"{APP_NAME}.svg", app)
    archive = base.with_name(base.name + ".tar.gz")
    with tarfile.open(archive, "w:gz", compresslevel=6) as tar:
        tar.add(app, arcname=APP_NAME, filter=_owned_by_root)
    return archive


def _owned_by_root(info: tarfile.TarInfo) -> tarfile.TarInfo:
    """Files in the archive belong to root and are readable by all, whoever built them."""
    info.uid = info.gid = 0
    info.uname = info.gname = "root"
    info.mode = (info.mode | 0o444 | (0o111 if info.mode & 0o111 else 0)) & 0o755
    return info


def smoke_test(app: Path, archive: Path) -> None:
    """Run the frozen app's selftest and a screenshot offscreen; BuildError if either fails."""
    with tempfile.TemporaryDirectory(prefix="reader-smoke-") as temp:
        root = Path(temp)
        if sys.platform.startswith("linux"):
            _smoke_test_linux(root, archive)
        else:
            executable = (app / "Contents" / "MacOS" / APP_NAME if sys.platform == "darwin"
                          else app / f"{APP_NAME}.exe")
            home = root / "home"
            home.mkdir()
            _smoke_run(executable, home, root, prefix=[])


def _smoke_test_linux(root: Path, archive: Path) -> None:
    """From the unpacked archive, read-only, unprivileged if we are root, traced if we can."""
    root.chmod(0o755)  # the unprivileged user must reach the app inside
    import pwd

    with tarfile.open(archive) as tar:
        tar.extractall(root / "opt", filter="tar")
    app = root / "opt" / APP_NAME
    for path in [app, *_tree(app)]:
        if not path.is_symlink():
            path.chmod(stat.S_IMODE(path.stat().st_mode) & ~0o222)
    home = root / "home"
    (home / "runtime").mkdir(parents=True, mode=0o700)
    prefix: list[str] = []
    if os.geteuid() == 0:
        # root ignores file permissions: run as a user who really cannot write to the app
        user = pwd.getpwnam(UNPRIVILEGED_USER)
        for folder in (home, home / "runtime"):
            os.chown(folder, user.pw_uid, user.pw_gid)
        prefix = ["setpriv", f"--reuid={user.pw_uid}", f"--regid={user.pw_gid}",
                  "--clear-groups", "--"]
        say(f"running the app as {UNPRIVILEGED_USER}, from a read-only folder")
    else:
        say("running the app from a read-only folder")
    trace = root / "network.trace"
    if shutil.which("strace"):
        prefix = ["strace", "-f", "-qq", "-e", "trace=network", "-o", str(trace), *prefix]
    else:
        say("strace not installed: network use checked by the selftest's audit hook only")
    before = _snapshot(app)
    _smoke_run(app / APP_NAME, home, root, prefix)
    if _snapshot(app) != before:
        raise BuildError(f"the app changed files in its own folder {app}")
    if not list((home / "state").glob(f"{APP_NAME}/log/*.log")):
        raise BuildError("the app wrote no log in the user's log folder")
    say("the app folder was left unchanged; the log went to the user's folder")
    if trace.is_file():
        internet = [line for line in trace.read_text().splitlines() if "AF_INET" in line]
        if internet:
            raise BuildError("the app opened internet sockets:\n" + "\n".join(internet[:10]))
        say("no internet socket opened (strace)")


def _smoke_run(executable: Path, home: Path, root: Path, prefix: list[str]) -> None:
    """Run `--selftest`, then `--screenshot`; BuildError unless both succeed."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home),
        "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen",
        **{var: str(home / name) for var, name in (
            ("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"),
            ("XDG_CACHE_HOME", "cache"), ("XDG_STATE_HOME", "state"),
            ("XDG_RUNTIME_DIR", "runtime"))},
    }
    if sys.platform == "win32":
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}  # platformdirs asks Windows
    shot = home / "smoke.png"
    for args in (["--selftest"], ["--open", "1.1.1", "--screenshot", str(shot)]):
        started = time.perf_counter()
        done = subprocess.run([*prefix, str(executable), *args], env=env, cwd=root,
                              capture_output=True, text=True, timeout=300)
        took = time.perf_counter() - started
        output = (done.stdout + done.stderr).strip()
        say(f"{executable.name} {' '.join(args)}: exit {done.returncode} in {took:.1f} s")
        print("\n".join(f"    {line}" for line in output.splitlines()), flush=True)
        if done.returncode != 0:
            raise BuildError(f"the frozen app failed {' '.join(args)}")
    if not shot.is_file() or shot.read_bytes()[:8] != b"\x89PNG\r\n\x1a\n":
        raise BuildError("the frozen app wrote no screenshot")


def _tree(folder: Path) -> Iterator[Path]:
    for base, dirs, files in os.walk(folder):
        for name in dirs + files:
            yield Path(base) / name


def _snapshot(folder: Path) -> set[tuple[str, int, int]]:
    """Every path under a folder with its size and modification time, to spot writes."""
    found = set()
    for path in _tree(folder):
        info = path.lstat()
        found.add((str(path.relative_to(folder)), info.st_size, info.st_mtime_ns))
    return found


def _run(command: list[str]) -> None:
    say(" ".join(command))
    if subprocess.run(command, cwd=REPO).returncode != 0:
        raise BuildError(f"failed: {' '.join(command)}")


def build(smoke: bool = True) -> Path:
    """All the steps; the archive's path."""
    started = time.perf_counter()
    try:
        import PyInstaller  # noqa: F401 (only to say how to get it)
    except ImportError as exc:
        raise BuildError("PyInstaller is missing: pip install -e '.[build]'") from exc
    stage_content()
    make_icons()
    app = freeze()
    write_licences(licences_folder(app), app)
    archive = package(app)
    built = time.perf_counter() - started
    say(f"built {archive.relative_to(REPO)}: {archive.stat().st_size / 1e6:.1f} MB "
        f"in {built:.0f} s")
    if smoke:
        smoke_test(app, archive)
        say(f"smoke test passed; {time.perf_counter() - started:.0f} s in all")
    return archive


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-smoke-test", action="store_true",
                        help="build and pack only; skip running the frozen app")
    args = parser.parse_args(argv)
    try:
        build(smoke=not args.no_smoke_test)
    except BuildError as exc:
        print(f"build_installer: error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
