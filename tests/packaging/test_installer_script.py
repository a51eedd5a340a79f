"""The Windows installer script (packaging/involve.iss) cannot run here, so it is read and held
to what it promises: every file it names exists (in the repository, and in the real one-folder
build when dist/Involve is there), it installs per user, it never deletes the data folder, it
upgrades in place, and its version comes from involve_desktop.__version__."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from involve_desktop import __version__
from involve_desktop.paths import default_data_dir

REPO_ROOT = Path(__file__).resolve().parents[2]
PACKAGING = REPO_ROOT / "packaging"
ISS_FILE = PACKAGING / "involve.iss"
SPEC_FILE = PACKAGING / "involve.spec"
BUILD_SCRIPT = PACKAGING / "build_windows.ps1"
ICO_FILE = REPO_ROOT / "resources" / "icons" / "involve.ico"
ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]
# Windows knows the installed app by this id: changing it would install a second copy beside
# the first instead of upgrading it.
APP_ID = "{{8AE7CCD2-3B35-4401-8EAE-6A8D077AD13E}"
# The Inno Setup constants for folders where user data can live, none of which may be deleted.
USER_FOLDER_CONSTANTS = ("{localappdata}", "{userappdata}", "{%LOCALAPPDATA", "{%APPDATA")


# --- reading the script ------------------------------------------------------------------------


def split_entry(line: str) -> dict[str, str]:
    """`Source: "a;b"; DestDir: "{app}"` as {"Source": "a;b", "DestDir": "{app}"}."""
    parts = re.findall(r'(\w+):\s*("(?:[^"]|"")*"|[^;]*)', line)
    return {name: value.strip().strip('"').replace('""', '"') for name, value in parts}


def read_iss(version: str = __version__) -> dict[str, list[str]]:
    """Each section's lines (comments and preprocessor lines left out), with the script's
    #define values and the version given on ISCC's command line put in."""
    text = ISS_FILE.read_text(encoding="utf-8")
    defines = {"AppVersion": version}
    defines |= dict(re.findall(r'^#define\s+(\w+)\s+"([^"]*)"', text, re.MULTILINE))
    sections: dict[str, list[str]] = {}
    current = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith((";", "#")):
            continue
        heading = re.fullmatch(r"\[(\w+)\]", line)
        if heading:
            current = sections.setdefault(heading.group(1), [])
            continue
        assert current is not None, f"a line before any section: {line}"
        current.append(re.sub(r"\{#(\w+)\}", lambda m: defines[m.group(1)], line))
    return sections


def setup_values(version: str = __version__) -> dict[str, str]:
    pairs = (line.split("=", 1) for line in read_iss(version)["Setup"])
    return {key.strip(): value.strip() for key, value in pairs}


def entries(section: str) -> list[dict[str, str]]:
    return [split_entry(line) for line in read_iss().get(section, [])]


def from_packaging(windows_path: str) -> Path:
    """A path in the script (relative to packaging/, with backslashes) in this repository."""
    return (PACKAGING / windows_path.replace("\\", "/")).resolve()


def spec_call_keywords(call_name: str) -> dict[str, ast.expr]:
    tree = ast.parse(SPEC_FILE.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == call_name:
            return {keyword.arg: keyword.value for keyword in node.keywords if keyword.arg}
    raise AssertionError(f"packaging/involve.spec has no {call_name}(...)")


def spec_name(call_name: str) -> str:
    name = spec_call_keywords(call_name)["name"]
    assert isinstance(name, ast.Constant)
    return name.value


def app_files() -> set[str]:
    """Every {app}\\... path the installer points a shortcut, a start or an icon at."""
    named = {setup_values()["UninstallDisplayIcon"]}
    named |= {entry["Filename"] for entry in entries("Icons") + entries("Run")}
    named |= {entry["Name"] for entry in entries("InstallDelete")}
    assert all(path.startswith("{app}\\") for path in named), named
    return {path.removeprefix("{app}\\") for path in named}


def dist_folder() -> Path:
    """The build the installer packs: the single dist\\<name>\\* source of [Files]."""
    (source,) = [entry["Source"] for entry in entries("Files") if "dist" in entry["Source"]]
    assert source.endswith("\\*"), source
    return from_packaging(source.removesuffix("\\*"))


# --- what the script names ---------------------------------------------------------------------


def test_every_file_the_installer_takes_from_the_repository_exists():
    setup = setup_values()
    assert from_packaging(setup["LicenseFile"]) == REPO_ROOT / "LICENSE"
    assert from_packaging(setup["SetupIconFile"]) == ICO_FILE
    sources = [entry["Source"] for entry in entries("Files")]
    assert sources, "the installer copies no files"
    for named in [setup["LicenseFile"], setup["SetupIconFile"], *sources]:
        if "dist\\" not in named:
            assert from_packaging(named).is_file(), named


def test_the_installer_packs_the_whole_build_the_spec_declares():
    (files,) = entries("Files")
    assert "recursesubdirs" in files["Flags"] and "createallsubdirs" in files["Flags"]
    assert files["DestDir"] == "{app}"
    # The spec's one-folder build is dist/<COLLECT name>/, its program <EXE name>.exe.
    assert dist_folder() == REPO_ROOT / "dist" / spec_name("COLLECT")
    assert f"{spec_name('EXE')}.exe" in app_files()
    # The program carries the same icon as the installer.
    spec = SPEC_FILE.read_text(encoding="utf-8")
    assert "icon" in spec_call_keywords("EXE")
    assert '"resources" / "icons" / "involve.ico"' in spec
    # The About box reads LICENSE beside resources/ in the bundle (sys._MEIPASS).
    assert re.search(r'\(str\(ROOT / "LICENSE"\), "\."\)', spec)


@pytest.mark.skipif(
    not (REPO_ROOT / "dist" / "Involve").is_dir(),
    reason="no build in dist/Involve: `make package` makes one (CI checks again after it)",
)
def test_every_file_the_installer_names_is_in_the_real_build():
    build = dist_folder()
    for named in sorted(app_files()):
        path = build / named.replace("\\", "/")
        if sys.platform != "win32":
            # The same spec builds `Involve` here and `Involve.exe` on Windows.
            path = path.with_suffix("") if path.suffix == ".exe" else path
        assert path.exists(), f"{named} is not in {build}"
        if path.is_file():
            assert os.access(path, os.X_OK), f"{path} cannot be run"
    contents = build / "_internal"
    assert (contents / "LICENSE").read_bytes() == (REPO_ROOT / "LICENSE").read_bytes()
    assert (contents / "resources" / "icons" / "involve.ico").is_file()


# --- how it installs ---------------------------------------------------------------------------


def test_it_installs_for_the_user_without_administrator_rights():
    setup = setup_values()
    assert setup["PrivilegesRequired"] == "lowest"
    # Per user, {autopf} is %LOCALAPPDATA%\Programs; nothing lets Setup ask to go elsewhere.
    assert setup["DefaultDirName"] == "{autopf}\\Involve"
    assert "PrivilegesRequiredOverridesAllowed" not in setup


def test_it_needs_windows_10_1809_or_later_64_bit():
    setup = setup_values()
    assert setup["MinVersion"] == "10.0.17763"
    assert setup["ArchitecturesAllowed"] == "x64compatible"
    assert setup["ArchitecturesInstallIn64BitMode"] == "x64compatible"


def test_uninstalling_or_upgrading_never_touches_the_data_folder():
    sections = read_iss()
    assert "UninstallDelete" not in sections
    assert "Code" not in sections, "no code may run that could delete files"
    # The only thing Setup deletes is the old build's libraries inside the program folder.
    assert [entry["Name"] for entry in entries("InstallDelete")] == ["{app}\\_internal"]
    text = "\n".join(line for lines in sections.values() for line in lines)
    for constant in USER_FOLDER_CONSTANTS:
        assert constant.lower() not in text.lower(), constant
    # The data folder (platformdirs, not roaming: %LOCALAPPDATA%\Involve on Windows) is not
    # the program folder (%LOCALAPPDATA%\Programs\Involve), nor inside it.
    assert default_data_dir().name == "Involve"
    assert setup_values()["DefaultDirName"].startswith("{autopf}\\")


def test_an_upgrade_installs_over_the_old_version():
    setup = setup_values()
    assert setup["AppId"] == APP_ID
    assert "UsePreviousAppDir" not in setup  # the default, yes: the same folder again
    # An open Involve is asked to close (its own close, with the backup offer) first.
    assert setup["CloseApplications"] == "yes"
    assert "*.exe" in setup["CloseApplicationsFilter"]


def test_setup_waits_while_involve_holds_its_running_mutex():
    # The app creates the named mutex at start on Windows; Setup refuses to go on while it
    # exists, so it never deletes {app}\_internal under a running app.
    bootstrap = (REPO_ROOT / "involve_desktop" / "__main__.py").read_text(encoding="utf-8")
    (name,) = re.findall(r'^RUNNING_MUTEX = "([^"]+)"$', bootstrap, re.MULTILINE)
    assert setup_values()["AppMutex"] == name
    assert re.search(r"CreateMutexW\(\s*(#[^\n]*)?\s*None, False, RUNNING_MUTEX\s*\)", bootstrap)


def spec_version_numbers():
    """packaging/involve.spec's version_numbers, taken out of the spec (which only PyInstaller
    can run) and run here."""
    tree = ast.parse(SPEC_FILE.read_text(encoding="utf-8"))
    (function,) = [n for n in tree.body if getattr(n, "name", None) == "version_numbers"]
    namespace = {"re": re}
    exec(compile(ast.Module([function], type_ignores=[]), str(SPEC_FILE), "exec"), namespace)
    return namespace["version_numbers"]


@pytest.mark.parametrize(
    ("version", "numbers"),
    [
        ("0.1.0", (0, 1, 0, 0)),
        ("0.2.0rc1", (0, 2, 0, 0)),
        ("1.0", (1, 0, 0, 0)),
        ("1.2.3.4.5", (1, 2, 3, 4)),
        ("2.0.1.dev3", (2, 0, 1, 0)),
    ],
)
def test_windows_gets_four_version_numbers_from_any_version(version, numbers):
    assert spec_version_numbers()(version) == numbers


def test_setup_shows_the_numeric_version_the_build_script_gives():
    text = ISS_FILE.read_text(encoding="utf-8")
    assert setup_values()["VersionInfoVersion"] == "0.0.0.0"  # when ISCC is run by hand
    assert re.search(r"^#ifndef AppNumericVersion\n#define AppNumericVersion ", text, re.M)
    script = BUILD_SCRIPT.read_text(encoding="utf-8")
    # The script's regular expression is the spec's: the same release part, padded to four.
    assert "'^\\d+(\\.\\d+)*'" in script and '($numbers[0..3]) -join "."' in script
    assert '"py" @("-3-64"' in script and "struct.calcsize('P')" in script


def test_the_version_comes_only_from_the_build_command():
    text = ISS_FILE.read_text(encoding="utf-8")
    assert "#define AppVersion" not in text
    assert re.search(r"^#ifndef AppVersion\n\s*#error ", text, re.MULTILINE)
    for version in (__version__, "2.3.4"):
        setup = setup_values(version)
        assert setup["AppVersion"] == version
        assert setup["OutputBaseFilename"] == f"Involve-{version}-setup"


def test_the_build_script_gives_the_installer_the_apps_version():
    script = BUILD_SCRIPT.read_text(encoding="utf-8")
    assert 'print(involve_desktop.__version__)"' in script
    assert '@("/DAppVersion=$version", "/DAppNumericVersion=$numericVersion")' in script
    assert "packaging\\involve.iss" in script and "packaging\\involve.spec" in script
    assert f"dist\\{spec_name('COLLECT')}\\{spec_name('EXE')}.exe" in script
    output = setup_values("$version")
    assert output["OutputDir"] == "..\\dist\\installer"
    assert f'"dist\\installer\\{output["OutputBaseFilename"]}.exe"' in script
    # The "package" extra it installs brings PyInstaller.
    with (REPO_ROOT / "pyproject.toml").open("rb") as pyproject:
        extras = tomllib.load(pyproject)["project"]["optional-dependencies"]
    assert any(need.lower().startswith("pyinstaller") for need in extras["package"])


def test_it_adds_start_menu_and_desktop_shortcuts():
    shortcuts = {entry["Name"]: entry for entry in entries("Icons")}
    assert set(shortcuts) == {"{autoprograms}\\Involve", "{autodesktop}\\Involve"}
    assert shortcuts["{autodesktop}\\Involve"]["Tasks"] == "desktopicon"
    (desktop_task,) = entries("Tasks")
    assert desktop_task["Name"] == "desktopicon"
    assert "unchecked" not in desktop_task.get("Flags", ""), "ticked unless the user says no"
    (start,) = entries("Run")
    assert {"postinstall", "nowait", "skipifsilent"} <= set(start["Flags"].split())


# --- the icon ----------------------------------------------------------------------------------


def ico_sizes(path: Path) -> list[int]:
    from PIL import Image

    with Image.open(path) as icon:
        return sorted(width for width, height in icon.info["sizes"] if width == height)


def test_the_committed_icon_has_every_size_windows_shows():
    assert ico_sizes(ICO_FILE) == ICO_SIZES
    from PIL import Image

    with Image.open(ICO_FILE.with_suffix(".png")) as png:
        assert png.size == (256, 256)


def test_the_icon_script_makes_both_files_from_the_svg(tmp_path):
    # In its own process: it makes a QGuiApplication, and the Qt tests need a QApplication.
    script = [sys.executable, str(PACKAGING / "make_icons.py"), "--out", str(tmp_path)]
    subprocess.run(script, check=True, capture_output=True, timeout=60)
    assert ico_sizes(tmp_path / "involve.ico") == ICO_SIZES
    from PIL import Image

    with Image.open(tmp_path / "involve.png") as png:
        # The middle of the icon is the yellow figure of the SVG, drawn, not blank.
        assert png.getpixel((128, 128)) == (0xF2, 0xC1, 0x4E, 255)
