"""The authoring guide cannot rot: each example it marks as a whole file is checked as an
author would check it (`content check --strict`, the built-in deck loaded too), each one it
marks as flawed fails with the message it shows, and its rules rest on the code's figures."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from studyapp.cli import cli
from studyapp.content import lint
from studyapp.content.models import SERVICE_NAMES
from studyapp.decide.rules import FACT_NAMES, parse_rules

ROOT = Path(__file__).parent.parent
GUIDE = ROOT / "docs" / "authoring.md"
_FENCE = re.compile(r"^```yaml\n(.*?)^```", re.DOTALL | re.MULTILINE)
_MARKER = re.compile(r"^# example: (.+)$")


@dataclass(frozen=True)
class Example:
    """A YAML block of the guide, the line it starts on, and what its marker says it is."""

    line: int
    text: str
    marker: str

    def __str__(self) -> str:
        return f"docs/authoring.md:{self.line}"


def guide_examples() -> list[Example]:
    """Every ```yaml block whose opening comment lines hold `# example: ...`."""
    text = GUIDE.read_text()
    found = []
    for match in _FENCE.finditer(text):
        block = match.group(1)
        for line in block.splitlines():
            if not line.startswith("#"):
                break
            marker = _MARKER.match(line)
            if marker:
                line_number = text.count("\n", 0, match.start(1)) + 1
                found.append(Example(line_number, block, marker.group(1).strip()))
                break
    return found


EXAMPLES = guide_examples()
FULL_FILES = [example for example in EXAMPLES if example.marker == "full file"]
FLAWED = [example for example in EXAMPLES if example.marker.startswith("fails --strict:")]
RULES_FILES = [example for example in EXAMPLES if example.marker == "rules file"]


@pytest.fixture(autouse=True)
def _only_the_built_in_deck(monkeypatch: pytest.MonkeyPatch) -> None:
    """An author's own STUDYAPP_CONTENT must not decide whether the guide's examples pass."""
    monkeypatch.delenv("STUDYAPP_CONTENT", raising=False)


def check_strict(folder: Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["content", "check", "--strict", str(folder)])
    return result.exit_code, result.stdout, result.stderr


def test_the_guide_has_examples_of_every_kind() -> None:
    assert len(FULL_FILES) >= 8 and len(FLAWED) >= 8 and RULES_FILES
    sections: set[str] = set()
    choose: set[int] = set()
    for example in FULL_FILES:
        data: dict[str, Any] = yaml.safe_load(example.text)
        sections |= {key for key, value in data.items() if value}
        choose |= {question.get("choose", 1) for question in data.get("questions", [])}
    assert sections == {"topic", "notes", "glossary", "cards", "questions", "scenarios"}
    assert choose == {1, 2}


@pytest.mark.parametrize("example", FULL_FILES, ids=str)
def test_each_full_file_example_passes_content_check_strict(
    tmp_path: Path, example: Example
) -> None:
    (tmp_path / "example.yaml").write_text(example.text)
    code, out, err = check_strict(tmp_path)
    assert (code, err) == (0, ""), f"{example}: {err}"
    assert out.startswith("OK: ")


def test_the_full_file_examples_pass_together(tmp_path: Path) -> None:
    """Written into one deck they still pass: no id twice, no stem that repeats another."""
    for number, example in enumerate(FULL_FILES):
        (tmp_path / f"example-{number:02}.yaml").write_text(example.text)
    code, _out, err = check_strict(tmp_path)
    assert (code, err) == (0, ""), err


@pytest.mark.parametrize("example", FLAWED, ids=str)
def test_each_flawed_example_fails_with_the_message_it_shows(
    tmp_path: Path, example: Example
) -> None:
    expected = example.marker.removeprefix("fails --strict:").strip()
    (tmp_path / "example.yaml").write_text(example.text)
    code, out, err = check_strict(tmp_path)
    assert code == 1 and out == ""
    *problems, _count = err.splitlines()
    assert problems and all(expected in problem for problem in problems), (
        f"{example}: expected only {expected!r} in:\n{err}"
    )


@pytest.mark.parametrize("example", RULES_FILES, ids=str)
def test_each_rules_file_example_loads_and_fits_the_schema(
    tmp_path: Path, example: Example
) -> None:
    path = tmp_path / "decisions.yaml"
    path.write_text(example.text)
    book, problems = parse_rules(path)
    assert book is not None and problems == [], [str(p) for p in problems]
    schema = json.loads((ROOT / "content" / "studyapp-decisions.schema.json").read_text())
    assert list(Draft202012Validator(schema).iter_errors(yaml.safe_load(example.text))) == []


def test_the_guide_gives_the_lint_thresholds_the_code_uses() -> None:
    text = " ".join(GUIDE.read_text().split())
    for figure in (lint.LONGER_BY, lint.LONGEST_SHARE, lint.SIMILAR_STEMS):
        assert f"{figure:.0%}" in text
    assert f"at least {lint.MIN_QUESTIONS_FOR_SHARE} single-answer questions" in text
    assert f"at least {lint.MIN_CHOOSE_N_PER_FILE} " in text
    assert f"at least {lint.MIN_SHARED_WORDS} words" in text


def test_the_guide_lists_every_fact_with_its_values_and_every_service_as_shown() -> None:
    from studyapp.decide.facts import allowed_values

    rows = {
        line.split("|")[1].strip(): line
        for line in GUIDE.read_text().splitlines()
        if line.startswith("| `")
    }
    for name in FACT_NAMES:
        values = allowed_values(name)
        if not values.startswith("a number") and values != "true, false":
            assert all(f"`{value}`" in rows[f"`{name}`"] for value in values.split(", ")), name
    for service, label in SERVICE_NAMES.items():
        assert rows[f"`{service}`"] == f"| `{service}` | {label} |"


def test_the_readme_links_the_guide() -> None:
    assert "(docs/authoring.md)" in (ROOT / "README.md").read_text()


def github_anchor(heading: str) -> str:
    """The anchor GitHub gives a heading: lowercase, punctuation but `-` and `_` dropped,
    spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_every_link_within_the_guide_has_its_heading() -> None:
    text = GUIDE.read_text()
    outside_code = re.sub(r"^```.*?^```", "", text, flags=re.DOTALL | re.MULTILINE)
    anchors = {github_anchor(h) for h in re.findall(r"^#+ (.+)$", outside_code, re.MULTILINE)}
    links = set(re.findall(r"\]\(#([^)]+)\)", outside_code))
    assert links and links <= anchors, links - anchors
