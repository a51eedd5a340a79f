"""The layers run one way: only the UI (and the app's bootstrap) may import Qt, and the UI
never imports SQLAlchemy, Alembic or the storage package: it goes through services."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "involve_desktop"
QT_ALLOWED = {"ui", "app.py", "__main__.py"}
STORAGE_MODULES = ("sqlalchemy", "alembic", "involve_desktop.db")


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", modules(), ids=lambda path: str(path.relative_to(PACKAGE)))
def test_qt_stays_in_the_ui(path: Path):
    top = path.relative_to(PACKAGE).parts[0]
    if top in QT_ALLOWED:
        return
    qt = {name for name in imported_modules(path) if name.split(".")[0] == "PySide6"}
    assert not qt, f"{path.name} imports {qt}: services, db, domain and cli must run headless"


@pytest.mark.parametrize("path", sorted((PACKAGE / "ui").rglob("*.py")), ids=lambda path: path.name)
def test_the_ui_reaches_data_only_through_services(path: Path):
    storage = {name for name in imported_modules(path) if name.startswith(STORAGE_MODULES)}
    assert not storage, f"{path.name} imports {storage}: call a service instead"


def test_the_check_sees_imports():
    assert "PySide6.QtWidgets" in imported_modules(PACKAGE / "ui" / "main_window.py")
