"""An app uses another app through its public names only: no ``from x import _y`` and no
``module._y`` across apps. What a module keeps private may change without notice."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("portal", "home", "selfcheck", "livrets")

# Still to be made public: the API's error helpers, which move to portal/api.
KNOWN = {
    ("livrets.jury.api", "selfcheck.api", "_errors"),
    ("livrets.jury.api", "selfcheck.api", "_json"),
}


def app_of(module: str) -> str:
    """``livrets.jury.views`` -> ``livrets.jury``; ``selfcheck.views`` -> ``selfcheck``."""
    parts = module.split(".")
    return ".".join(parts[:2]) if parts[0] in ("livrets", "home") else parts[0]


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _modules():
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            yield ".".join(parts), path


def _absolute(module: str, node: ast.ImportFrom, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".")
    base = base[: len(base) - node.level + (1 if is_package else 0)]
    return ".".join(base + ([node.module] if node.module else []))


def cross_app_private_uses() -> list[tuple[str, str, str, int]]:
    found = []
    for module, path in _modules():
        tree = ast.parse(path.read_text())
        imported: dict[str, str] = {}  # local name -> project module it names
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                source = _absolute(module, node, path.name == "__init__.py")
                if not source.startswith(PACKAGES):
                    continue
                for alias in node.names:
                    if _private(alias.name) and app_of(source) != app_of(module):
                        found.append((module, source, alias.name, node.lineno))
                    imported[alias.asname or alias.name] = f"{source}.{alias.name}"
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.startswith(PACKAGES):
                        imported[alias.asname or alias.name.split(".")[0]] = (
                            alias.name if alias.asname else alias.name.split(".")[0]
                        )
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and _private(node.attr)
                and isinstance(node.value, ast.Name)
                and node.value.id in imported
                and app_of(imported[node.value.id]) != app_of(module)
                and node.attr != "_meta"
            ):
                found.append((module, imported[node.value.id], node.attr, node.lineno))
    return found


def test_no_app_uses_another_apps_private_names():
    found = [f for f in cross_app_private_uses() if f[:3] not in KNOWN]
    assert found == []


def test_the_check_sees_both_forms_of_use(tmp_path, monkeypatch):
    package = tmp_path / "livrets" / "one"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "views.py").write_text(
        "from selfcheck.views import _hidden\n"
        "from livrets.livret2 import services\n"
        "services._write()\n"
        "from livrets.one.rules import _own\n"
    )
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    assert cross_app_private_uses() == [
        ("livrets.one.views", "selfcheck.views", "_hidden", 1),
        ("livrets.one.views", "livrets.livret2.services", "_write", 3),
    ]
