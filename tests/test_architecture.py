"""The package layout holds: each package imports only packages below it, no two packages
import each other, and the domain no front end.

Read from the source with `ast`, so an import inside a function counts as much as one at
the top of a module (DESIGN.md, "Package layout").
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import studyapp

ROOT = Path(studyapp.__file__).parent
#: The domain: these packages and the neutral modules between them.
DOMAIN = {"content", "srs", "store", "study", "stats", "decide", "interop"}
NEUTRAL = {"clock", "errors", "lazy", "memory", "paths", "scoring", "text", "themes"}
#: DESIGN.md's package layout, top to bottom: each package imports only those on a lower
#: line (`cli` starts `lines` and `tui`, which sit side by side and import neither the other).
LAYERS = (
    ("__main__",),
    ("cli",),
    ("lines", "tui"),
    ("present",),
    ("interop",),
    ("stats",),
    ("study",),
    ("srs",),
    ("decide",),
    ("store",),
    ("content",),
)
#: The neutral modules are shared leaves: any package may import them, and they import only
#: each other and `content`, the bottom of the layout.
NEUTRAL_MAY_IMPORT = NEUTRAL | {"content"}
#: What shows things to a person; nothing in the domain may import these.
FRONT_ENDS = ("cli", "lines", "tui", "plain", "menu", "report", "present", "__main__")


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> Iterator[str]:
    """Every `studyapp` module `path` imports, wherever in the file the import is."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            yield module
            yield from (f"{module}.{alias.name}" for alias in node.names)


def _unit(module: str) -> str | None:
    """The package (or top-level module) `module` belongs to; None for `studyapp` itself."""
    parts = module.split(".")
    return parts[1] if parts[0] == "studyapp" and len(parts) > 1 else None


def _known(unit: str) -> bool:
    return (ROOT / unit).is_dir() or (ROOT / f"{unit}.py").exists()


def _edges() -> dict[str, dict[str, str]]:
    """unit -> {imported unit: the first file that imports it}."""
    edges: dict[str, dict[str, str]] = {}
    for path in sorted(ROOT.rglob("*.py")):
        source = _unit(_module_name(path))
        if source is None:
            continue
        for module in _imports(path):
            target = _unit(module)
            if target and target != source and _known(target):
                edges.setdefault(source, {}).setdefault(target, str(path.relative_to(ROOT)))
    return edges


def _is_front_end(unit: str) -> bool:
    return any(unit == name or unit.startswith(name) for name in FRONT_ENDS)


def test_no_two_packages_import_each_other() -> None:
    edges = _edges()
    cycles = []
    for source, targets in edges.items():
        for target in targets:
            path = _path(edges, target, source)
            if path is not None:
                cycles.append(" -> ".join([source, *path]) + f" (first: {targets[target]})")
    assert cycles == []


def _path(edges: dict[str, dict[str, str]], start: str, goal: str) -> list[str] | None:
    """A chain of imports from `start` to `goal`, or None."""
    seen, frontier = {start}, [[start]]
    while frontier:
        chain = frontier.pop()
        if chain[-1] == goal:
            return chain
        for target in edges.get(chain[-1], {}):
            if target not in seen:
                seen.add(target)
                frontier.append([*chain, target])
    return None


def test_the_domain_imports_no_front_end() -> None:
    wrong = [
        f"{source} imports {target} ({where})"
        for source, targets in _edges().items()
        if source in DOMAIN | NEUTRAL
        for target, where in targets.items()
        if _is_front_end(target)
    ]
    assert wrong == []


def test_the_domain_and_neutral_modules_are_all_there() -> None:
    """So a rename does not quietly take a package out of the checks above."""
    assert all(_known(unit) for unit in DOMAIN | NEUTRAL)


def _layer(unit: str) -> int:
    """How far down the layout `unit` is (0: the top)."""
    return next(n for n, layer in enumerate(LAYERS) if unit in layer)


def _may_import(source: str, target: str) -> bool:
    """Whether DESIGN.md's layout lets `source` import `target`."""
    if target in NEUTRAL:
        return True
    if source in NEUTRAL:
        return target in NEUTRAL_MAY_IMPORT
    return _layer(target) > _layer(source)


def test_each_package_imports_only_packages_below_it() -> None:
    wrong = [
        f"{source} imports {target} ({where})"
        for source, targets in _edges().items()
        for target, where in targets.items()
        if not _may_import(source, target)
    ]
    assert wrong == []


def test_every_package_and_module_has_its_place_in_the_layout() -> None:
    """A new package is placed in LAYERS (or NEUTRAL) before the check above can pass it."""
    placed = {unit for layer in LAYERS for unit in layer} | NEUTRAL
    units = {path.stem for path in ROOT.glob("*.py") if path.stem != "__init__"}
    units |= {path.name for path in ROOT.iterdir() if (path / "__init__.py").exists()}
    assert units - placed == set()
    assert all(_known(unit) for unit in placed)


def test_the_layout_check_refuses_an_upward_or_sideways_import() -> None:
    assert not _may_import("study", "stats")  # what study/overview.py once did
    assert not _may_import("lines", "tui") and not _may_import("tui", "lines")
    assert not _may_import("scoring", "srs")
    assert _may_import("cli", "tui") and _may_import("stats", "study")
    assert _may_import("content", "errors") and _may_import("scoring", "content")


def test_a_function_level_import_is_seen() -> None:
    path = ROOT / "store" / "migrations_early.py"
    assert "studyapp.srs" not in {m.rpartition(".")[0] for m in _imports(path)}
    assert any(m.startswith("studyapp.memory") for m in _imports(path))


# Sizes a newcomer can read -----------------------------------------------------------------

#: The longest a module may be, and a function outside the schema migrations (whose steps are
#: frozen history, one function each).
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 40


def test_no_module_over_400_lines_and_no_function_over_40() -> None:
    long_modules, long_functions = [], []
    for path in sorted(ROOT.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        name = path.relative_to(ROOT).as_posix()
        if text.count("\n") > MAX_MODULE_LINES:
            long_modules.append(f"{name}: {text.count(chr(10))} lines")
        if name.startswith("store/migrations"):
            continue
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long_functions.append(f"{name}:{node.lineno} {node.name}: {length} lines")
    assert long_modules == [] and long_functions == []


def test_no_type_ignore_in_the_tui() -> None:
    ignored = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "tui").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "type: ignore" in line
    ]
    assert ignored == []


def test_no_lazily_exported_name_is_also_a_module_of_its_package() -> None:
    """A package's lazy `__getattr__` is asked only for a name it lacks: once a module of the
    same name is imported, the name is that module (`studyapp.stats.readiness`), not the
    function the package meant to export."""
    import importlib

    clashes = []
    for init in sorted(ROOT.rglob("__init__.py")):
        package = importlib.import_module(_module_name(init))
        for name in getattr(package, "_LAZY", {}):
            if (init.parent / f"{name}.py").exists() or (init.parent / name).is_dir():
                clashes.append(f"{package.__name__}.{name}")
    assert clashes == []
