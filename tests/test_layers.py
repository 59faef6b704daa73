"""The toolchain's rules bite: each import-linter contract fails on a deliberate violation, bot/ and web/ never
call Tortoise themselves, no function is over 50 lines, and ruff reports a function one branch too complex.

Each checker written here is first shown to find a violation planted on purpose, so that an empty result means
the code is clean, not that the checker is blind."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"
BIN = Path(sys.executable).parent  # the virtualenv's tools: lint-imports, ruff
PACKAGES = ("bot", "web", "models", "scheduler", "wiring")
CONTRACTS = [contract["name"] for contract in tomllib.loads(PYPROJECT.read_text())["tool"]["importlinter"]["contracts"]]
MAX_FUNCTION_LINES = 50

# One deliberate violation per contract, keyed by the contract's name: (the module added, what it imports).
VIOLATIONS = {
    "Only the entry and the wiring compose the parts; bot, web and scheduler never import each other": [
        ("models/_violation.py", "import bot"),  # a lower layer importing a higher one
        ("web/_violation.py", "import scheduler"),  # two siblings of the same layer
    ],
    "models is the domain: no framework of the edges, no Redis": [("models/_violation.py", "import aiogram")],
    "bot and web reach the database only through models": [("bot/_violation.py", "import tortoise")],
    "The players' bot modules never import the admins' ones": [("bot/_violation.py", "import bot.admin.review")],
}


# ---- import-linter ----


def lint_imports_on_a_copy(tmp_path: Path, violation: tuple[str, str] | None = None) -> tuple[int, str]:
    """Run lint-imports on a throw-away copy of the packages and pyproject.toml, with one module added."""
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(PYPROJECT, tmp_path / "pyproject.toml")
    if violation is not None:
        module, source = violation
        (tmp_path / module).write_text(source + "\n")
    result = subprocess.run(
        [BIN / "lint-imports", "--no-cache", "--no-logo"], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    return result.returncode, " ".join((result.stdout + result.stderr).split())  # long names wrap in the report


def test_every_contract_has_a_deliberate_violation():
    assert sorted(VIOLATIONS) == sorted(CONTRACTS)


@pytest.mark.parametrize(
    ("contract", "violation"),
    [
        pytest.param(contract, (module, source), id=f"{module.split('/')[0]} imports {source.split()[1]}")
        for contract, violations in VIOLATIONS.items()
        for module, source in violations
    ],
)
def test_import_linter_reports_a_broken_contract(tmp_path, contract, violation):
    status, report = lint_imports_on_a_copy(tmp_path, violation)
    assert status != 0, report
    assert f"{contract} BROKEN" in report, report
    assert violation[0].removesuffix(".py").replace("/", ".") in report, report  # the planted module is named


def test_import_linter_passes_on_the_code_as_it_is(tmp_path):
    status, report = lint_imports_on_a_copy(tmp_path)
    assert status == 0, report
    assert f"Contracts: {len(CONTRACTS)} kept, 0 broken." in report, report


# ---- no Tortoise call in bot/ or web/ ----

# The entries of a Tortoise model's manager and query sets: `Player.filter(...)` and the like.
TORTOISE_ENTRIES = {
    "filter",
    "get",
    "get_or_none",
    "get_or_create",
    "create",
    "all",
    "exclude",
    "exists",
    "bulk_create",
    "bulk_update",
    "update_or_create",
    "first",
    "annotate",
    "select_for_update",
    "raw",
    "in_bulk",
}


def dotted(node: ast.expr) -> str | None:
    """`a.b.c` for a chain of names and attributes, None for anything else (a call, a subscript...)."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute) and (base := dotted(node.value)) is not None:
        return f"{base}.{node.attr}"
    return None


def tortoise_calls(source: str, filename: str = "<sample>") -> list[str]:
    """Where this module reaches the database itself: `file:line: what`, for each Tortoise import, model
    manager call (on a class imported from models.tables) and `in_transaction` call."""
    tree = ast.parse(source, filename)
    models: set[str] = set()  # the names the module knows model classes by
    table_modules: set[str] = set()  # the names it knows models.tables itself by
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "models.tables":
            models.update(alias.asname or alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module == "models":
            table_modules.update(alias.asname or alias.name for alias in node.names if alias.name == "tables")
        elif isinstance(node, ast.Import):
            table_modules.update(alias.asname or alias.name for alias in node.names if alias.name == "models.tables")
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else [alias.name for alias in node.names]
            found += [(node.lineno, f"import {name}") for name in names if name.split(".")[0] == "tortoise"]
        elif isinstance(node, ast.Call) and (callee := dotted(node.func)) is not None:
            receiver, _, method = callee.rpartition(".")
            is_model = receiver in models or receiver.rpartition(".")[0] in table_modules
            if (is_model and method in TORTOISE_ENTRIES) or method == "in_transaction":
                found.append((node.lineno, f"{callee}(...)"))
    return [f"{filename}:{line}: {what}" for line, what in sorted(found)]


def test_the_tortoise_checker_finds_calls_planted_on_purpose():
    sample = textwrap.dedent(
        """
        from models import tables
        from models.tables import Player, TelegramUser as User
        from tortoise.transactions import in_transaction

        async def show(uid: str, player: Player) -> None:
            user = User(id=1)  # an unsaved instance, and a model as a type: both fine
            await Player.filter(uid=uid).update(name="x")
            await User.get_or_none(id=1)
            await tables.Player.all()
            async with in_transaction():
                pass
        """
    )
    assert tortoise_calls(sample) == [
        "<sample>:4: import tortoise.transactions",
        "<sample>:8: Player.filter(...)",
        "<sample>:9: User.get_or_none(...)",
        "<sample>:10: tables.Player.all(...)",
        "<sample>:11: in_transaction(...)",
    ]
    assert tortoise_calls("from models.tables import Player\n\ndef name(p: Player) -> str:\n    return p.name\n") == []


def test_bot_and_web_reach_the_database_only_through_models():
    found = [
        call
        for package in ("bot", "web")
        for path in sorted((ROOT / package).rglob("*.py"))
        for call in tortoise_calls(path.read_text(), str(path.relative_to(ROOT)))
    ]
    assert found == [], "Tortoise used directly; move it into a function in models/:\n" + "\n".join(found)


# ---- function length ----


def long_functions(source: str, filename: str = "<sample>") -> list[str]:
    """`file:line: name is N lines` for each function or method over MAX_FUNCTION_LINES lines, def to last line."""
    return [
        f"{filename}:{node.lineno}: {node.name} is {length} lines"
        for node in ast.walk(ast.parse(source, filename))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and (length := (node.end_lineno or node.lineno) - node.lineno + 1) > MAX_FUNCTION_LINES
    ]


def function_of(lines: int, name: str) -> str:
    """A function `lines` lines long, its def line included."""
    return f"def {name}():\n" + "    x = 1\n" * (lines - 2) + "    return x\n"


def test_the_length_checker_finds_a_function_one_line_too_long():
    sample = function_of(MAX_FUNCTION_LINES, "just_short_enough") + function_of(MAX_FUNCTION_LINES + 1, "too_long")
    assert long_functions(sample) == [f"<sample>:{MAX_FUNCTION_LINES + 1}: too_long is 51 lines"]


def test_no_function_is_over_50_lines():
    paths = [path for package in PACKAGES for path in sorted((ROOT / package).rglob("*.py"))]
    paths += [ROOT / "main.py", ROOT / "settings.py", ROOT / "metrics.py"]
    found = [line for path in paths for line in long_functions(path.read_text(), str(path.relative_to(ROOT)))]
    assert found == [], "Functions over 50 lines:\n" + "\n".join(found)


# ---- ruff's complexity limit ----


def function_with_branches(name: str, branches: int) -> str:
    """A function of cyclomatic complexity branches + 1, short enough for every other rule."""
    body = "".join(f"    if x == {n}:\n        return {n}\n" for n in range(branches))
    return f"def {name}(x: int) -> int:\n{body}    return -1\n"


def test_ruff_reports_a_function_one_branch_over_the_complexity_limit(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        function_with_branches("within_the_limit", 11) + "\n\n" + function_with_branches("too_complex", 12)
    )
    result = subprocess.run(
        [BIN / "ruff", "check", "--no-cache", "--output-format", "concise", "--config", PYPROJECT, sample],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    findings = [line for line in result.stdout.splitlines() if "C901" in line]
    assert len(findings) == 1 and "`too_complex` is too complex (13 > 12)" in findings[0], result.stdout
