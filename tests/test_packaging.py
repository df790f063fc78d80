"""What a built wheel and sdist carry: the deck and guides, the licence file and the
metadata an index shows (licence expression, classifiers), read back from the archives."""

from __future__ import annotations

import subprocess
import sys
import tarfile
import tomllib
import zipfile
from email.message import Message
from email.parser import Parser
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
CLASSIFIERS = {
    "Development Status :: 3 - Alpha",
    "Environment :: Console :: Curses",
    "Intended Audience :: Education",
    "Programming Language :: Python :: 3.11",
    "Programming Language :: Python :: 3.12",
    "Programming Language :: Python :: 3.13",
    "Topic :: Education",
}


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel and an sdist built from the checkout by hatchling, the build backend."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-d", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return out


def wheel_file(dist: Path) -> zipfile.ZipFile:
    return zipfile.ZipFile(next(dist.glob("studyapp-*.whl")))


def wheel_metadata(dist: Path) -> Message:
    wheel = wheel_file(dist)
    [name] = [n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")]
    return Parser().parsestr(wheel.read(name).decode())


def test_the_wheel_ships_the_curated_content_and_exam_guides(dist: Path) -> None:
    names = wheel_file(dist).namelist()
    assert "studyapp/_content/lambda.yaml" in names
    for schema in ("studyapp-content.schema.json", "studyapp-decisions.schema.json"):
        assert f"studyapp/_content/{schema}" in names
    for guide in ("dva-c02.yaml", "saa-c03.yaml", "studyapp-exam-guide.schema.json"):
        assert f"studyapp/_data/exam-guides/{guide}" in names
    for module in ("cli/__init__.py", "lines/session.py", "present/summary.py"):
        assert f"studyapp/{module}" in names


def test_the_wheel_and_sdist_carry_the_mit_licence_it_declares(dist: Path) -> None:
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["license"]
    licence = (ROOT / "LICENSE").read_text()
    assert declared == "MIT" and licence.startswith("MIT License\n")
    assert "Permission is hereby granted, free of charge" in licence
    metadata = wheel_metadata(dist)
    assert metadata["License-Expression"] == "MIT"
    assert metadata.get_all("License-File") == ["LICENSE"]
    wheel = wheel_file(dist)
    [inside] = [n for n in wheel.namelist() if n.endswith(".dist-info/licenses/LICENSE")]
    assert wheel.read(inside).decode() == licence
    with tarfile.open(next(dist.glob("studyapp-*.tar.gz"))) as sdist:
        member = sdist.extractfile("studyapp-0.1.0/LICENSE")
        assert member is not None and member.read().decode() == licence
        # The tests read the authoring guide's examples, so the sdist carries it.
        assert "studyapp-0.1.0/docs/authoring.md" in sdist.getnames()


def test_the_wheel_metadata_has_the_classifiers_and_no_licence_classifier(dist: Path) -> None:
    """The licence is stated once, as the PEP 639 expression; `License ::` classifiers are
    deprecated beside it. No project URL: there is no public one to give yet."""
    metadata = wheel_metadata(dist)
    classifiers = set(metadata.get_all("Classifier") or [])
    assert classifiers >= CLASSIFIERS
    assert not [c for c in classifiers if c.startswith("License ::")]
    assert metadata.get_all("Project-URL") is None
    assert metadata["Requires-Python"] == ">=3.11"
