"""No import cycles inside the tidings package.

Every import is counted, also those inside functions: a cycle hidden in a function body is still
a cycle (the two modules cannot be understood or tested one without the other).  The graph is
read from the source with ``ast``, so nothing is imported to build it.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = "tidings"


def module_files() -> dict[str, Path]:
    out = {}
    for path in sorted((SRC / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def imports_of(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The tidings modules that ``name`` imports (a package counts as its ``__init__``)."""
    is_package = path.name == "__init__.py"
    package = name if is_package else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            # "from . import x" imports submodule x; the package counts only when a name comes from it
            subs = [f"{mod}.{a.name}" for a in node.names if f"{mod}.{a.name}" in modules]
            targets = subs if len(subs) == len(node.names) else [mod] + subs
        else:
            continue
        for t in targets:
            if t in modules and t != name:
                found.add(t)
    return found


def graph() -> dict[str, set[str]]:
    modules = module_files()
    return {name: imports_of(name, path, modules) for name, path in modules.items()}


def cycles(g: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(g[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(g):
        if v not in index:
            visit(v)
    return out


def test_the_checker_sees_a_cycle():
    g = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(g) == [["a", "b", "c"]]


def test_the_checker_reads_relative_and_function_level_imports(tmp_path):
    modules = {"tidings.x": tmp_path / "x.py", "tidings.y": tmp_path / "y.py", "tidings": tmp_path / "__init__.py"}
    modules["tidings.x"].write_text("def f():\n    from .y import g\n    return g\n")
    assert imports_of("tidings.x", modules["tidings.x"], modules) == {"tidings.y"}


def test_no_import_cycle_inside_tidings():
    g = graph()
    assert len(g) > 20  # the walk found the package
    assert cycles(g) == []


if __name__ == "__main__":  # python tests/test_imports.py: print the cycles, if any
    found = cycles(graph())
    print("\n".join(" <-> ".join(c) for c in found) or "no import cycle inside tidings")
