"""Where content and progress live: built-in deck, user decks, and the database file."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def builtin_content_dir() -> Path:
    """The curated deck: inside the wheel when installed, beside the package in a checkout."""
    installed = PACKAGE_DIR / "_content"
    if installed.is_dir():
        return installed
    return PACKAGE_DIR.parent / "content"


def builtin_guides_dir() -> Path:
    """The shipped exam guides: inside the wheel when installed, in `data/` in a checkout."""
    installed = PACKAGE_DIR / "_data" / "exam-guides"
    if installed.is_dir():
        return installed
    return PACKAGE_DIR.parent / "data" / "exam-guides"


def datasette_metadata_path() -> Path:
    """The Datasette metadata describing a progress file: in the wheel when installed, in
    `data/` in a checkout."""
    installed = PACKAGE_DIR / "_data" / "datasette.yaml"
    if installed.is_file():
        return installed
    return PACKAGE_DIR.parent / "data" / "datasette.yaml"


def content_dirs(extra: Sequence[str | Path] = ()) -> list[Path]:
    """Every folder the deck loads from, in order: the built-in deck, the user deck folder
    (only once it exists), then the folders given (`--content`, STUDYAPP_CONTENT)."""
    decks = user_decks_dir()
    mine = [decks] if decks.is_dir() else []
    return [builtin_content_dir(), *mine, *(Path(p).expanduser() for p in extra)]


def default_db_path() -> Path:
    """The progress database in the user's data directory (platform conventions)."""
    from platformdirs import user_data_path

    return user_data_path("studyapp", appauthor=False) / "progress.db"


def user_decks_dir() -> Path:
    """The user's own deck folder: STUDYAPP_DECKS, else `decks/` in the user's data directory
    beside the progress database. It need not exist; nothing creates it but an author."""
    setting = os.environ.get("STUDYAPP_DECKS", "")
    if setting:
        return Path(setting).expanduser()
    from platformdirs import user_data_path

    return user_data_path("studyapp", appauthor=False) / "decks"


def env_content_dirs() -> list[str]:
    """Directories listed in STUDYAPP_CONTENT, separated like PATH."""
    raw = os.environ.get("STUDYAPP_CONTENT", "")
    return [part for part in raw.split(os.pathsep) if part]


def cache_dir() -> Path | None:
    """Where derived data (the validated deck) is cached; STUDYAPP_CACHE=off disables it."""
    setting = os.environ.get("STUDYAPP_CACHE", "")
    if setting.lower() in ("off", "0", "no"):
        return None
    if setting:
        return Path(setting).expanduser()
    from platformdirs import user_cache_path

    return user_cache_path("studyapp", appauthor=False)
