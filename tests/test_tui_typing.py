"""The TUI is type-checked whole: it reaches its app through `study_app`, never an ignore."""

from __future__ import annotations

from pathlib import Path

import studyapp.tui


def test_the_tui_has_no_type_ignores() -> None:
    root = Path(studyapp.tui.__file__).parent
    ignores = [
        f"{path.relative_to(root)}:{number}"
        for path in sorted(root.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "type: ignore" in line
    ]
    assert ignores == []
