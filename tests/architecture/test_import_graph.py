"""The apps' import graph (issue 24): the engine (``core``) imports no domain app, and no
two apps import each other, directly or through others. Imports inside functions count as
much as those at the top (a cycle hidden in a function is still a cycle); ``TYPE_CHECKING``
blocks, migrations and tests do not."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOT_APPS = {"tests", "bench", "config", "static", "templates", "locale", "docs"}
#: the apps that are not the prison's domain: the engine, and the demo world that uses every app
ENGINE = "core"


def apps() -> list[str]:
    return sorted(
        p.name
        for p in ROOT.iterdir()
        if p.is_dir()
        and p.name not in NOT_APPS
        and not p.name.startswith(".")
        and (p / "__init__.py").exists()
    )


def imports(app: str, known: set[str]) -> dict[str, set[str]]:
    """{imported app: {"file:line", ...}} for one app."""
    found: dict[str, set[str]] = {}
    for path in (ROOT / app).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.dump(node.test):
                node.body = []
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            for module in modules:
                top = module.split(".")[0]
                if top in known and top != app:
                    found.setdefault(top, set()).add(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def graph() -> dict[str, dict[str, set[str]]]:
    names = apps()
    return {app: imports(app, set(names)) for app in names}


def cycles(edges: dict[str, dict[str, set[str]]]) -> list[list[str]]:
    """Strongly connected components of more than one app (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in edges:
        if v not in index:
            visit(v)
    return found


def test_the_engine_imports_no_domain_app():
    edges = graph()
    assert ENGINE in edges
    assert edges[ENGINE] == {}, {app: sorted(where) for app, where in edges[ENGINE].items()}


def test_no_import_cycle_between_apps():
    edges = graph()
    found = cycles(edges)
    detail = {
        f"{a} -> {b}": sorted(edges[a][b])[:3]
        for component in found
        for a in component
        for b in edges[a]
        if b in component
    }
    assert not found, detail


def test_the_detector_sees_a_cycle():
    """The check itself can fail: a cycle through three apps and one through two are found."""
    edges = {
        "a": {"b": set()},
        "b": {"c": set()},
        "c": {"a": set()},
        "d": {"e": set()},
        "e": {"d": set()},
        "f": {},
    }
    assert sorted(cycles(edges)) == [["a", "b", "c"], ["d", "e"]]
