"""The layer rules that import-linter cannot see: every module is in a layer, pages stay thin."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "ssi_coach"
ABOVE_THE_CORE = {"ui", "services", "store"}


def _contracts() -> list[dict[str, object]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts: list[dict[str, object]] = config["tool"]["importlinter"]["contracts"]
    return contracts


def _core_layer() -> set[str]:
    layers = next(c for c in _contracts() if c["type"] == "layers")["layers"]
    assert isinstance(layers, list)
    return {name.strip().removeprefix("ssi_coach.") for name in layers[-1].split(":")}


def _layered() -> set[str]:
    """Return every module a layer names, the administrator's commands above the UI included."""
    layers = next(c for c in _contracts() if c["type"] == "layers")["layers"]
    assert isinstance(layers, list)
    names = (name for layer in layers for name in layer.split(":"))
    return {name.strip().removeprefix("ssi_coach.") for name in names}


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_every_module_of_the_package_sits_in_a_layer() -> None:
    modules = {path.stem for path in PACKAGE.glob("*.py") if path.stem != "__init__"}
    packages = {path.name for path in PACKAGE.iterdir() if (path / "__init__.py").exists()}
    unplaced = (modules | packages) - ABOVE_THE_CORE - _layered()
    assert not unplaced, f"add these to the core layer in pyproject.toml: {sorted(unplaced)}"


def test_the_pure_core_contract_lists_the_same_modules_as_the_core_layer() -> None:
    pure = next(c for c in _contracts() if c["type"] == "forbidden" and "sqlalchemy" in str(c))
    sources = pure["source_modules"]
    assert isinstance(sources, list)
    assert {name.removeprefix("ssi_coach.") for name in sources} == _core_layer()


def test_no_page_and_not_the_router_import_the_store() -> None:
    scripts = [*sorted((ROOT / "pages").glob("*.py")), ROOT / "app.py"]
    offending = {
        script.name: sorted(name for name in _imports(script) if name.startswith("ssi_coach.store"))
        for script in scripts
    }
    assert not {name: found for name, found in offending.items() if found}
