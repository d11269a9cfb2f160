"""The accessibility statement promises the checks CI runs, no more and no fewer."""

from __future__ import annotations

import ast
from pathlib import Path

from django.conf import settings

from home.legal.accessibility import CHECKS, CONFORMITY, GATE_MODULES

ROOT = Path(settings.BASE_DIR)
# Tests of those modules that check the test machinery itself, not the pages.
NOT_CHECKS = {
    "tests/production/test_quality_gates.py::test_every_id_bearing_url_has_a_registry_entry"
}


def functions_of(path: str) -> set[str]:
    tree = ast.parse((ROOT / path).read_text())
    return {
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")
    }


def named() -> set[str]:
    return {node for check in CHECKS for node in check.tests}


def test_every_check_the_statement_names_is_a_test_ci_runs():
    for node in named():
        path, function = node.split("::")
        assert (ROOT / path).exists(), node
        assert function in functions_of(path), node


def test_every_quality_gate_is_named_in_the_statement():
    gates = {f"{path}::{name}" for path in GATE_MODULES for name in functions_of(path)}
    assert gates - named() - NOT_CHECKS == set(), (
        "a quality gate the accessibility statement does not name"
    )


def test_the_statement_claims_no_conformity_without_an_audit():
    # RGAA: without a complete audit, the site is declared « non conforme ».
    assert CONFORMITY == "non conforme"
