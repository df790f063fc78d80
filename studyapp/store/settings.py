"""The settings, a front end's remembered preferences, and figures kept once computed."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from studyapp.errors import StoreError
from studyapp.store.records import SETTING_LIMITS, SETTING_NAMES, Settings
from studyapp.text import a_or_an
from studyapp.themes import THEME_NAMES

if TYPE_CHECKING:
    from studyapp.store.database import Store

#: Preferences share the `meta` table with internal values, under their own key prefix.
PREFERENCE_PREFIX = "preference."
#: Figures kept in `meta` once computed (readiness's back-test of finished exams).
CACHE_PREFIX = "cache."
#: An exam guide id as `exam_guide` takes it (whether such a guide ships is checked where
#: guides are loaded: the exam refuses an unknown one, naming the known ones).
_GUIDE_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")
#: What a number setting is called in a message, by its type.
NUMBER_WORDS = {int: "whole number", float: "number"}
_YES = ("yes", "true", "on", "1")
_NO = ("no", "false", "off", "0")


def settings_from_rows(rows: Iterable[tuple[str, str]]) -> Settings:
    """The settings stored as (key, JSON value) rows; a key this studyapp does not know is
    left out."""
    values = {row[0]: json.loads(row[1]) for row in rows}
    known = {k: v for k, v in values.items() if k in SETTING_NAMES}
    return Settings(**known)


def read_meta(conn: sqlite3.Connection, key: str) -> str | None:
    """The value kept under `key` in `meta`, or None."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


class StoredSettings:
    """The `settings` table and the preferences and kept figures in `meta` (`store.settings`)."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._conn = store.conn

    def current(self) -> Settings:
        rows = self._conn.execute("SELECT key, value FROM settings").fetchall()
        settings = settings_from_rows(rows)
        if not any(key == "theme" for key, _value in rows):
            # The theme was a front end's preference until it became a setting (issue 14).
            kept = self.preference("theme")
            if kept in THEME_NAMES:
                settings = replace(settings, theme=kept)
        return settings

    def set(self, key: str, raw_value: str) -> Settings:
        """Validate and store one setting given as text; returns the new settings."""
        if key not in SETTING_NAMES:
            raise StoreError(f"unknown setting {key!r} (known: {', '.join(SETTING_NAMES)})")
        value = _number(key, raw_value) if key in SETTING_LIMITS else _word(key, raw_value)
        with self._store.write():
            self._conn.execute(
                "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                (key, json.dumps(value)),
            )
        return self.current()

    # preferences ----------------------------------------------------------------------

    def preference(self, name: str) -> str | None:
        """A front end's remembered choice (such as the theme), or None if never set."""
        return read_meta(self._conn, PREFERENCE_PREFIX + name)

    def set_preference(self, name: str, value: str) -> None:
        """Remember a front end's choice; unlike settings, any text is accepted."""
        with self._store.write():
            self._conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                (PREFERENCE_PREFIX + name, value),
            )

    def delete_preference(self, name: str) -> None:
        """Forget a remembered choice (nothing happens if it was never set)."""
        with self._store.write():
            self._conn.execute("DELETE FROM meta WHERE key = ?", (PREFERENCE_PREFIX + name,))

    # figures kept once computed -------------------------------------------------------

    def cached_figures(self, key: str) -> str | None:
        """A figure computed once and kept (`cache_figures`), or None."""
        return read_meta(self._conn, CACHE_PREFIX + key)

    def cache_figures(self, key: str, value: str) -> None:
        """Keep a computed figure that the log it came from cannot change any more (on a
        read-only file it is computed again next time)."""
        if self._store.read_only:
            return
        with self._store.write():
            self._conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                (CACHE_PREFIX + key, value),
            )


def _number(key: str, raw_value: str) -> float:
    kind, low, high = SETTING_LIMITS[key]
    try:
        value = kind(raw_value)
    except ValueError as exc:
        wanted = a_or_an(NUMBER_WORDS.get(kind, kind.__name__))
        raise StoreError(f"{key}: expected {wanted}, got {raw_value!r}") from exc
    if not low <= value <= high:
        raise StoreError(f"{key}: must be between {low} and {high}, got {raw_value}")
    return value  # type: ignore[no-any-return]


def _word(key: str, raw_value: str) -> str | bool:
    word = raw_value.strip().lower()
    if key == "theme":
        if word not in THEME_NAMES:
            raise StoreError(
                f"theme: expected one of Textual's themes ({', '.join(THEME_NAMES)}); "
                f"got {raw_value!r}"
            )
        return word
    if key == "exam_guide":
        if not _GUIDE_ID.fullmatch(word):
            raise StoreError(
                f"exam_guide: expected a guide id such as dva-c02, or none; got {raw_value!r}"
            )
        return word
    if word in _YES or word in _NO:
        return word in _YES
    raise StoreError(f"{key}: expected yes or no, got {raw_value!r}")


__all__ = ["CACHE_PREFIX", "PREFERENCE_PREFIX", "StoredSettings", "read_meta", "settings_from_rows"]
