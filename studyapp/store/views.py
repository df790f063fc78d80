"""Views that read by name and local date: the review log, each item's progress, the exams.

SQL cannot ask Python for the learner's time zone, so `local_time_offsets` keeps the
zone's UTC offset from each of its changes (DST included, 2000 to 2100), written by
`record_time_zone` whenever studyapp opens the database for study in another zone than the
one recorded; the views turn UTC times into local times and study days (rolling over at
04:00, `studyapp.clock`) with it, as studyapp's statistics do: in the current zone.

The views are dropped before a schema upgrade and created from the SQL here after it
(`apply_migrations`), so no migration trips over one and every database has the views of
the studyapp that upgraded it. Change a view here together with a migration (which may do
nothing else), so that existing databases get it too.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timezone, tzinfo
from typing import TYPE_CHECKING

from studyapp.clock import ROLLOVER_HOUR, to_utc_text
from studyapp.scoring import PASSING_SCORE
from studyapp.store.settings import read_meta

if TYPE_CHECKING:
    from studyapp.store.database import Store

OFFSETS_TABLE = """
    CREATE TABLE local_time_offsets (
        starts_at TEXT PRIMARY KEY,
        utc_offset_seconds INTEGER NOT NULL,
        zone TEXT NOT NULL
    ) WITHOUT ROWID
"""
#: Which zone `local_time_offsets` holds (its `zone_signature`), in `meta`.
ZONE_KEY = "local_time_offsets.zone"
#: The span whose offset changes are written; the first row ('') covers all before it.
_FIRST_SECOND = int(datetime(2000, 1, 1, tzinfo=UTC).timestamp())
_LAST_SECOND = int(datetime(2100, 1, 1, tzinfo=UTC).timestamp())
_DAY_SECONDS = 86_400
#: Instants in January and July whose offsets tell apart zones that share a name.
_PROBES = tuple(int(datetime(2026, month, 15, tzinfo=UTC).timestamp()) for month in (1, 7))

#: The names of ratings and of FSRS states, as Anki shows them (tests/test_views.py checks
#: them against `studyapp.srs`).
RATING_NAMES = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}
STATE_NAMES = {0: "New", 1: "Learning", 2: "Review", 3: "Relearning"}


def _named(column: str, names: dict[int, str]) -> str:
    cases = " ".join(f"WHEN {code} THEN '{name}'" for code, name in names.items())
    return f"CASE {column} {cases} END"


def _offset_at(utc_column: str) -> str:
    """SQL for the learner's UTC offset in seconds at a UTC text; NULL with no zone recorded."""
    return (
        "(SELECT utc_offset_seconds FROM local_time_offsets "
        f"WHERE starts_at <= {utc_column} ORDER BY starts_at DESC LIMIT 1)"
    )


def local_time(utc_column: str) -> str:
    """SQL for a UTC text as the learner's local time (`YYYY-MM-DD HH:MM:SS`)."""
    return f"datetime({utc_column}, {_offset_at(utc_column)} || ' seconds')"


def study_day(utc_column: str) -> str:
    """SQL for the study day (`YYYY-MM-DD`) a UTC text falls in: local time less 4 hours."""
    return f"date({utc_column}, ({_offset_at(utc_column)} - {ROLLOVER_HOUR * 3600}) || ' seconds')"


#: Every readable view by name, in the order they are created.
VIEWS: dict[str, str] = {
    "review_log": f"""
        SELECT r.id AS review_id, r.reviewed_at,
            {local_time("r.reviewed_at")} AS local_time,
            {study_day("r.reviewed_at")} AS study_day,
            r.item_id, i.title, i.topic_id, r.kind,
            {_named("r.rating", RATING_NAMES)} AS rating,
            {_named("r.prior_state", STATE_NAMES)} AS state_before,
            r.correct, r.answer, round(r.duration_ms / 1000.0, 1) AS seconds,
            r.session_id, s.mode
        FROM reviews AS r
        LEFT JOIN items AS i ON i.item_id = r.item_id
        LEFT JOIN sessions AS s ON s.id = r.session_id
    """,
    "item_progress": f"""
        SELECT ids.item_id, i.title, i.topic_id, coalesce(i.kind, s.kind) AS kind,
            coalesce({_named("s.state", STATE_NAMES)}, 'New') AS state,
            s.due, {study_day("s.due")} AS due_day,
            round(s.stability, 4) AS stability_days, round(s.difficulty, 3) AS difficulty,
            coalesce(s.reps, 0) AS reps, coalesce(s.lapses, 0) AS lapses,
            coalesce(t.recalled, 0) AS recalled,
            round(coalesce(t.duration_ms, 0) / 1000.0, 1) AS seconds_spent,
            {study_day("s.first_review")} AS first_day,
            {study_day("s.last_review")} AS last_day,
            p.item_id IS NOT NULL AS suspended, i.item_id IS NOT NULL AS in_deck
        FROM (SELECT item_id FROM items UNION SELECT item_id FROM item_state) AS ids
        LEFT JOIN items AS i ON i.item_id = ids.item_id
        LEFT JOIN item_state AS s ON s.item_id = ids.item_id
        LEFT JOIN item_tallies AS t ON t.item_id = ids.item_id
        LEFT JOIN suspensions AS p ON p.item_id = ids.item_id
    """,
    "exam_results": f"""
        SELECT e.id AS exam_id, e.started_at,
            {local_time("e.started_at")} AS local_start,
            {study_day("e.started_at")} AS study_day,
            coalesce(upper(e.guide_id), 'topics') AS guide, e.topic_ids,
            json_array_length(e.question_ids) AS questions,
            coalesce(json_array_length(e.unscored_ids), 0) AS unscored,
            e.total AS scored, e.correct AS scored_right, e.score_scaled AS score,
            e.score_scaled >= {PASSING_SCORE} AS passed,
            round(e.time_limit_seconds / 60.0, 1) AS minutes_allowed,
            round(e.elapsed_ms / 60000.0, 1) AS minutes_used, e.submitted_at
        FROM exams AS e WHERE e.status = 'submitted'
    """,
}


def drop_views(conn: sqlite3.Connection) -> None:
    """Drop the readable views (before a schema upgrade)."""
    for name in reversed(VIEWS):
        conn.execute(f"DROP VIEW IF EXISTS {name}")


def create_views(conn: sqlite3.Connection) -> None:
    """Create the readable views as this studyapp writes them (after a schema upgrade)."""
    for name, select in VIEWS.items():
        conn.execute(f"CREATE VIEW {name} AS {select.strip()}")


# the learner's time zone --------------------------------------------------------------


def zone_name(local_tz: tzinfo) -> str:
    """An IANA name where the zone has one (`Europe/Berlin`), else what it calls itself."""
    key = getattr(local_tz, "key", None)
    return key if isinstance(key, str) else str(local_tz)


def _offset(local_tz: tzinfo, second: int) -> int:
    moment = datetime.fromtimestamp(second, UTC).astimezone(local_tz)
    offset = moment.utcoffset()
    return 0 if offset is None else int(offset.total_seconds())


def zone_signature(local_tz: tzinfo) -> str:
    """The zone's name and its offsets in January and July: a zone file changed under the
    same name (`localtime`) shows in them, and they cost nothing to read at each start."""
    offsets = "|".join(str(_offset(local_tz, probe)) for probe in _PROBES)
    return f"{zone_name(local_tz)}|{offsets}"


def utc_offsets(local_tz: tzinfo) -> list[tuple[str, int]]:
    """Each (UTC text, offset in seconds) from which the zone's offset holds, 2000 to 2100;
    the first starts at '' (all time before). Sampled daily, each change found to the second
    by bisection (no zone changes its offset twice within a day)."""
    current = _offset(local_tz, _FIRST_SECOND)
    changes = [("", current)]
    if isinstance(local_tz, timezone):  # a fixed offset: nothing changes
        return changes
    for day in range(_FIRST_SECOND, _LAST_SECOND, _DAY_SECONDS):
        if _offset(local_tz, day + _DAY_SECONDS) == current:
            continue
        low, high = day, day + _DAY_SECONDS  # the offset changes after low, by high
        while high - low > 1:
            middle = (low + high) // 2
            low, high = (middle, high) if _offset(local_tz, middle) == current else (low, middle)
        current = _offset(local_tz, high)
        changes.append((to_utc_text(datetime.fromtimestamp(high, UTC)), current))
    return changes


#: Offsets already worked out in this process, by zone signature (tests open many stores).
_offsets_of: dict[str, list[tuple[str, int]]] = {}


def record_time_zone(store: Store, local_tz: tzinfo) -> bool:
    """Write the zone's offsets into `local_time_offsets` if another zone (or none) is
    recorded; True if written. Costs one read when the zone is the recorded one."""
    signature = zone_signature(local_tz)
    if store.read_only or read_meta(store.conn, ZONE_KEY) == signature:
        return False
    offsets = _offsets_of.get(signature)
    if offsets is None:
        offsets = _offsets_of[signature] = utc_offsets(local_tz)
    name = zone_name(local_tz)
    with store.write():
        store.conn.execute("DELETE FROM local_time_offsets")
        store.conn.executemany(
            "INSERT INTO local_time_offsets VALUES (?, ?, ?)",
            ((starts_at, offset, name) for starts_at, offset in offsets),
        )
        store.conn.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (ZONE_KEY, signature)
        )
    return True


__all__ = [
    "OFFSETS_TABLE",
    "RATING_NAMES",
    "STATE_NAMES",
    "VIEWS",
    "create_views",
    "drop_views",
    "local_time",
    "record_time_zone",
    "study_day",
    "utc_offsets",
]
