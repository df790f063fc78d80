"""The progress database: one SQLite file, an append-only review log and a state cache."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import fields
from datetime import datetime, timedelta
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from studyapp.clock import from_utc_text, to_utc_text
from studyapp.errors import StoreError
from studyapp.store.aggregates import REVIEW_STATE, AggregateReads
from studyapp.store.exams import (
    ANSWER_COLUMNS,
    EXAM_COLUMNS,
    answer_from_row,
    chosen_to_text,
    exam_from_row,
    exam_to_row,
)
from studyapp.store.leeches import LEECH_REASON, is_leech_lapse
from studyapp.store.opening import (
    PageCheck,
    connect_read_only,
    damaged,
    inspect,
    inspect_file,
    is_wal_file,
)
from studyapp.store.records import (
    SETTING_LIMITS,
    ExamAnswer,
    ExamOutcome,
    ExamRecord,
    ExamStatus,
    FlagRecord,
    ItemState,
    ReviewRecord,
    Settings,
)
from studyapp.store.schema import SCHEMA_VERSION

if TYPE_CHECKING:
    from sqlite_utils import Database

    from studyapp.store.migrations import StepFor

T = TypeVar("T")

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 15_000
#: Preferences share the `meta` table with internal values, under their own key prefix.
PREFERENCE_PREFIX = "preference."
#: The digest of the item-to-topic map last written to `item_topics`.
_ITEM_TOPICS_DIGEST = "item_topics.digest"
#: Figures kept in `meta` once computed (readiness's back-test of finished exams).
_CACHE_PREFIX = "cache."
#: A new item's claim lapses after this long unanswered, so a killed window's claims never
#: hold the day's new-item slots for long.
CLAIM_TIMEOUT = timedelta(minutes=30)


def _check_file(path: Path) -> None:
    """Refuse, before SQLite touches it, a file that is not an SQLite database."""
    if not path.exists():
        return
    if path.is_dir():
        raise StoreError(f"{path}: is a directory, not a database file")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise StoreError(f"{path}: cannot read: {exc.strerror}") from exc
    if header and header != SQLITE_HEADER:
        raise StoreError(f"{path}: not an SQLite database; left untouched (use --db for another)")


def _connect(path: Path | None) -> sqlite3.Connection:
    target = ":memory:" if path is None else str(path)
    conn = sqlite3.connect(target, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    try:
        _set_up(conn)
        if path is not None:
            _enable_wal(conn, path)
            # WAL + FULL syncs the log at every commit: an acknowledged answer survives a
            # power cut (bench/bench_core.py measures what that costs per answer).
            conn.execute("PRAGMA synchronous = FULL")
            # Reading the schema here makes a damaged file fail now, with its path named.
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except BaseException:
        conn.close()
        raise
    return conn


def _set_up(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")


def _enable_wal(conn: sqlite3.Connection, path: Path) -> None:
    """Switch to WAL, waiting out another writer: this pragma ignores the busy timeout."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            break
        except sqlite3.OperationalError as exc:
            waiting = "locked" in str(exc) or "busy" in str(exc)
            if not waiting or time.monotonic() > deadline:
                raise
            time.sleep(0.02)
    if str(mode).lower() != "wal":
        raise StoreError(f"{path}: could not switch the database to WAL mode ({mode})")


def _state_from_row(row: sqlite3.Row | tuple[Any, ...]) -> ItemState:
    (item_id, kind, state, step, stability, difficulty, due, last, first, reps, lapses) = row[:11]
    if not (isinstance(item_id, str) and isinstance(kind, str) and _all_ints(state, reps, lapses)):
        raise TypeError(f"item {item_id!r}: {kind!r}, state {state!r}, {reps!r} reps")
    if not all(v is None or isinstance(v, int | float) for v in (stability, difficulty, step)):
        raise TypeError(f"item {item_id}: stability {stability!r}, difficulty {difficulty!r}")
    return ItemState(
        item_id=item_id,
        kind=kind,
        state=state,
        step=step,
        stability=stability,
        difficulty=difficulty,
        due=from_utc_text(due),
        last_review=from_utc_text(last) if last else None,
        first_review=from_utc_text(first),
        reps=reps,
        lapses=lapses,
        scheduled_days=row[11] or 0,
    )


def _all_ints(*values: object) -> bool:
    return all(type(value) is int for value in values)


def _state_to_row(state: ItemState) -> dict[str, Any]:
    row = {f.name: getattr(state, f.name) for f in fields(ItemState)}
    row["due"] = to_utc_text(state.due)
    row["last_review"] = to_utc_text(state.last_review) if state.last_review else None
    row["first_review"] = to_utc_text(state.first_review)
    return row


def _review_from_row(row: tuple[Any, ...]) -> ReviewRecord:
    (rid, item_id, kind, at, rating, correct, answer, duration, session, digest) = row
    return ReviewRecord(
        id=rid,
        item_id=item_id,
        kind=kind,
        reviewed_at=from_utc_text(at),
        rating=rating,
        correct=None if correct is None else bool(correct),
        answer=answer,
        duration_ms=duration,
        session_id=session,
        content_hash=digest,
    )


def _flag_from_row(row: tuple[Any, ...]) -> FlagRecord:
    (fid, item_id, at, comment, digest, resolved) = row
    return FlagRecord(
        id=fid,
        item_id=item_id,
        flagged_at=from_utc_text(at),
        comment=comment,
        content_hash=digest,
        resolved=bool(resolved),
    )


_FLAG_COLUMNS = "id, item_id, flagged_at, comment, content_hash, resolved"
_STATE_COLUMNS = (
    "item_id, kind, state, step, stability, difficulty, due, last_review, first_review, reps, "
    "lapses, scheduled_days"
)
_REVIEW_COLUMNS = (
    "id, item_id, kind, reviewed_at, rating, correct, answer, duration_ms, session_id, content_hash"
)


class Store(AggregateReads):
    """All reads and writes of progress; each write is its own committed transaction.

    A review's commit also updates four totals through triggers: what they write is in
    `studyapp.store.rollups`.
    """

    def __init__(
        self, conn: sqlite3.Connection, path: Path | None, *, read_only: bool = False
    ) -> None:
        self.path = path
        self.conn = conn
        #: Opened with `read_only=True`: nothing is written, kept figures are recomputed.
        self.read_only = read_only
        self._last_topics: tuple[Mapping[str, str], str] | None = None
        self._temp_topics_digest: str | None = None
        #: The page check still running on the file; every write waits for it first.
        self._page_check: PageCheck | None = None

    @cached_property
    def db(self) -> Database:
        """sqlite-utils on the same connection; imported only for migrations and tooling."""
        from sqlite_utils import Database

        return Database(self.conn, execute_plugins=False)

    @classmethod
    def open(
        cls, path: Path | None, *, read_only: bool = False, step_for: StepFor | None = None
    ) -> Store:
        """Open (creating if needed) the database at `path`, or an in-memory one for None.

        An existing file is first inspected through a read-only connection (ours? not
        newer? every table there? every page sound?) and refused, untouched, if not; only
        then is it switched to WAL and migrated. `read_only` opens it for reading only,
        which also works on a read-only file and folder; a missing file then reads as an
        empty database, and none is created. `step_for` is the scheduler an upgrade that
        replays the review log needs (`studyapp.srs.replay.open_store` passes it).
        """
        if path is None:
            return cls._opened(_connect(None), None, step_for)
        _check_file(path)
        exists = path.exists() and path.stat().st_size > 0
        if read_only:
            return cls._open_read_only(path, step_for) if exists else cls.open(None)
        check: PageCheck | None = None
        if exists:
            timeout = BUSY_TIMEOUT_MS / 1000
            ready = is_wal_file(path)  # opening it for writing changes nothing yet
            version = inspect_file(path, timeout, check_pages=not ready)
            if ready and version == SCHEMA_VERSION:
                check = PageCheck(path, timeout)
            elif ready:
                inspect_file(path, timeout, check_pages=True)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{path.parent}: cannot create folder: {exc.strerror}") from exc
        try:
            conn = _connect(path)
        except sqlite3.OperationalError as exc:
            raise StoreError(f"{path}: cannot open database: {exc}") from exc
        except sqlite3.DatabaseError as exc:
            raise damaged(path, str(exc)) from exc
        store = cls._opened(conn, path, step_for)
        store._page_check = check
        return store

    @classmethod
    def _opened(
        cls, conn: sqlite3.Connection, path: Path | None, step_for: StepFor | None
    ) -> Store:
        """The store on a writable connection, migrated to the current schema."""
        store = cls(conn, path)
        where = path if path is not None else ":memory:"
        try:
            if store.schema_version != SCHEMA_VERSION:
                from studyapp.store.migrations import apply_migrations

                with store._write():
                    apply_migrations(store.db, step_for)
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise damaged(where, str(exc)) from exc
        except StoreError as exc:
            conn.close()
            raise StoreError(f"{where}: {exc}") from exc
        return store

    @classmethod
    def _open_read_only(cls, path: Path, step_for: StepFor | None) -> Store:
        timeout = BUSY_TIMEOUT_MS / 1000
        try:
            conn = connect_read_only(path, timeout)
        except sqlite3.DatabaseError as exc:
            raise damaged(path, str(exc)) from exc
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            version = inspect(conn, path, check_pages=False)
        except BaseException:
            conn.close()
            raise
        if version == SCHEMA_VERSION:
            return cls(conn, path, read_only=True)
        conn.close()
        if not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
            raise StoreError(
                f"{path}: database from an older studyapp (schema version {version}); it is "
                "upgraded once on first use, which needs write access to it and its folder"
            )
        cls.open(path, step_for=step_for).close()  # the one-time upgrade, then read as asked
        return cls._open_read_only(path, step_for)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._page_check is not None:
            self._page_check.wait()
        self.conn.close()

    @contextmanager
    def _write(self) -> Iterator[None]:
        """One IMMEDIATE transaction: take the write lock up front so two processes queue."""
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only; this command cannot change it")
        if self._page_check is not None:
            self._page_check.raise_if_damaged()
            self._page_check = None
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    def _decoded(self, decode: Callable[[Any], T], rows: Iterable[Any], table: str) -> Iterator[T]:
        """Rows turned into records; a value no studyapp wrote means the file is damaged."""
        for row in rows:
            try:
                yield decode(row)
            except (TypeError, ValueError, AttributeError, OverflowError) as exc:
                where = self.path if self.path is not None else ":memory:"
                raise damaged(where, f"a row of {table} cannot be read: {exc}") from exc

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    # settings -------------------------------------------------------------------------

    def settings(self) -> Settings:
        values = {
            row[0]: json.loads(row[1])
            for row in self.conn.execute("SELECT key, value FROM settings")
        }
        known = {k: v for k, v in values.items() if k in SETTING_LIMITS}
        return Settings(**known)

    def set_setting(self, key: str, raw_value: str) -> Settings:
        """Validate and store one setting given as text; returns the new settings."""
        if key not in SETTING_LIMITS:
            raise StoreError(f"unknown setting {key!r} (known: {', '.join(SETTING_LIMITS)})")
        kind, low, high = SETTING_LIMITS[key]
        try:
            value = kind(raw_value)
        except ValueError as exc:
            raise StoreError(f"{key}: expected a {kind.__name__}, got {raw_value!r}") from exc
        if not low <= value <= high:
            raise StoreError(f"{key}: must be between {low} and {high}, got {raw_value}")
        with self._write():
            self.conn.execute(
                "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                (key, json.dumps(value)),
            )
        return self.settings()

    # preferences ----------------------------------------------------------------------

    def get_preference(self, name: str) -> str | None:
        """A front end's remembered choice (such as the theme), or None if never set."""
        row = self.conn.execute(
            "SELECT value FROM meta WHERE key = ?", (PREFERENCE_PREFIX + name,)
        ).fetchone()
        return None if row is None else str(row[0])

    def set_preference(self, name: str, value: str) -> None:
        """Remember a front end's choice; unlike settings, any text is accepted."""
        with self._write():
            self.conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                (PREFERENCE_PREFIX + name, value),
            )

    def delete_preference(self, name: str) -> None:
        """Forget a remembered choice (nothing happens if it was never set)."""
        with self._write():
            self.conn.execute("DELETE FROM meta WHERE key = ?", (PREFERENCE_PREFIX + name,))

    # sessions and reviews -------------------------------------------------------------

    def start_session(self, session_id: str, mode: str, started_at: str, scope: str | None) -> None:
        with self._write():
            self.conn.execute(
                "INSERT INTO sessions (id, mode, started_at, scope) VALUES (?, ?, ?, ?)",
                (session_id, mode, started_at, scope),
            )

    def session_exists(self, session_id: str) -> bool:
        """Whether a session (a quiz, or an exam, even a discarded one) has this id."""
        row = self.conn.execute("SELECT 1 FROM sessions WHERE id = ?", (session_id,)).fetchone()
        return row is not None

    def record_review(
        self, review: ReviewRecord, next_state: Callable[[ItemState | None], ItemState]
    ) -> tuple[ReviewRecord, ItemState]:
        """Append a review and update the item's state in one committed transaction."""
        with self._write():
            return self._append_review(review, next_state)

    def _append_review(
        self, review: ReviewRecord, next_state: Callable[[ItemState | None], ItemState]
    ) -> tuple[ReviewRecord, ItemState]:
        """Append a review and update the item's state inside the caller's transaction."""
        prior = self._state(review.item_id)
        state = next_state(prior)
        row = {f.name: getattr(review, f.name) for f in fields(ReviewRecord) if f.name != "id"}
        row["reviewed_at"] = to_utc_text(review.reviewed_at)
        row["prior_state"] = prior.state if prior else 0
        cursor = self.conn.execute(
            "INSERT INTO reviews (item_id, kind, reviewed_at, rating, correct, answer, "
            "duration_ms, session_id, content_hash, prior_state) VALUES (:item_id, :kind, "
            ":reviewed_at, :rating, :correct, :answer, :duration_ms, :session_id, "
            ":content_hash, :prior_state)",
            row,
        )
        self._put_state(state)
        if prior is None:  # introduced now: its slot is counted from item_state from here on
            self.conn.execute("DELETE FROM new_item_claims WHERE item_id = ?", (review.item_id,))
        if is_leech_lapse(prior, state):
            self.conn.execute(
                "INSERT OR REPLACE INTO suspensions (item_id, suspended_at, reason) "
                "VALUES (?, ?, ?)",
                (review.item_id, row["reviewed_at"], LEECH_REASON),
            )
        return ReviewRecord(**{**review.__dict__, "id": cursor.lastrowid}), state

    def undo_review(
        self,
        review_id: int,
        replay: Callable[[list[ReviewRecord]], ItemState | None],
        reclaim_for: tuple[str, datetime] | None = None,
    ) -> ItemState | None:
        """Remove one review and rebuild its item's state from the reviews that remain.

        With `reclaim_for` (session id, time), an item left with no state (new again) is
        claimed for that session in the same transaction, keeping the slot it had taken."""
        with self._write():
            found = self.conn.execute(
                "SELECT item_id, reviewed_at FROM reviews WHERE id = ?", (review_id,)
            )
            row = found.fetchone()
            if row is None:
                raise StoreError(f"review {review_id} is not in the log (already undone?)")
            self.conn.execute("DELETE FROM reviews WHERE id = ?", (review_id,))
            # A suspension this very review caused goes with it.
            self.conn.execute(
                "DELETE FROM suspensions WHERE item_id = ? AND suspended_at = ? AND reason = ?",
                (row[0], row[1], LEECH_REASON),
            )
            state = replay(self.reviews_of(row[0]))
            if state is None:
                self.conn.execute("DELETE FROM item_state WHERE item_id = ?", (row[0],))
                if reclaim_for is not None:
                    self._put_claim(row[0], *reclaim_for)
            else:
                self._put_state(state)
        return state

    # the day's new items across windows ------------------------------------------------

    def claim_new_item(
        self, item_id: str, session_id: str, now: datetime, day_start: datetime
    ) -> bool:
        """Take one of today's new-item slots for `item_id`, about to be shown by `session_id`;
        False when the items introduced since `day_start` and the other live claims already
        fill `new_per_day`.

        Counted and claimed in one IMMEDIATE transaction, so windows sharing the file never
        show more new items between them than the limit. An item seen meanwhile needs none.
        """
        expired = to_utc_text(max(day_start, now - CLAIM_TIMEOUT))
        with self._write():
            if self._state(item_id) is not None:
                return True
            self.conn.execute(
                "DELETE FROM new_item_claims WHERE claimed_at < ? OR EXISTS "
                "(SELECT 1 FROM item_state AS s WHERE s.item_id = new_item_claims.item_id)",
                (expired,),
            )
            claimed = self.conn.execute(
                "SELECT count(*) FROM new_item_claims WHERE item_id != ?", (item_id,)
            ).fetchone()[0]
            taken = self.introduced_since(to_utc_text(day_start)) + int(claimed)
            if taken >= self.settings().new_per_day:
                return False
            self._put_claim(item_id, session_id, now)
        return True

    def release_claims(self, session_id: str) -> None:
        """Give back the slots of new items a session claimed but never answered."""
        with self._write():
            self.conn.execute("DELETE FROM new_item_claims WHERE session_id = ?", (session_id,))

    def new_item_claims(self) -> dict[str, str]:
        """Every claim on file, live or lapsed: item id to the claiming session's id."""
        return dict(self.conn.execute("SELECT item_id, session_id FROM new_item_claims"))

    def _put_claim(self, item_id: str, session_id: str, claimed_at: datetime) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO new_item_claims (item_id, session_id, claimed_at) "
            "VALUES (?, ?, ?)",
            (item_id, session_id, to_utc_text(claimed_at)),
        )

    def _put_state(self, state: ItemState) -> None:
        row = _state_to_row(state)
        names = ", ".join(row)
        self.conn.execute(
            f"INSERT OR REPLACE INTO item_state ({names}) VALUES ({', '.join(':' + k for k in row)})",
            row,
        )

    def replace_all_states(self, states: list[ItemState]) -> None:
        """Swap the whole state cache for a rebuilt one."""
        with self._write():
            self.conn.execute("DELETE FROM item_state")
            for state in states:
                self._put_state(state)

    def sync_item_topics(self, topic_of: Mapping[str, str]) -> None:
        """Make the stored item-to-topic map the deck's (`topic_of`: item id to topic id).

        Retention per topic is summed in SQL from `learned_days`, which files each review
        under its item's topic; when an item with reviews changes topic (or leaves the deck)
        those totals are rebuilt from the log. An unchanged deck costs one digest. A map
        passed here must not change afterwards (its digest is remembered by identity).
        """
        digest = self._topics_digest(topic_of)
        if digest in (self._meta(_ITEM_TOPICS_DIGEST), self._temp_topics_digest):
            return
        if self.read_only:
            self._temp_item_topics(topic_of, digest)
            return
        with self._write():
            stored = dict(self.conn.execute("SELECT item_id, topic_id FROM item_topics"))
            moved = {i for i, t in stored.items() if topic_of.get(i) != t}
            moved.update(i for i in topic_of if i not in stored)
            self.conn.execute("DELETE FROM item_topics")
            self.conn.executemany("INSERT INTO item_topics VALUES (?, ?)", topic_of.items())
            reviewed = {row[0] for row in self.conn.execute("SELECT item_id FROM item_tallies")}
            if moved & reviewed:
                self.conn.execute("DELETE FROM learned_days")
                self.conn.execute(
                    "INSERT INTO learned_days SELECT substr(r.reviewed_at, 1, 10) AS day, "
                    "coalesce(t.topic_id, '') AS topic, count(*), sum(r.rating > 1) "
                    "FROM reviews AS r LEFT JOIN item_topics AS t ON t.item_id = r.item_id "
                    "WHERE r.prior_state = ? GROUP BY day, topic",
                    (REVIEW_STATE,),
                )
            self.conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                (_ITEM_TOPICS_DIGEST, digest),
            )

    def _temp_item_topics(self, topic_of: Mapping[str, str], digest: str) -> None:
        """On a read-only file: the same map and learned-review totals as temporary tables,
        which stand in for the stored ones (SQLite looks in `temp` first) until closed."""
        self.conn.execute("DROP TABLE IF EXISTS temp.item_topics")
        self.conn.execute("DROP TABLE IF EXISTS temp.learned_days")
        self.conn.execute(
            "CREATE TEMP TABLE item_topics (item_id TEXT PRIMARY KEY, topic_id TEXT NOT NULL)"
        )
        self.conn.executemany("INSERT INTO temp.item_topics VALUES (?, ?)", topic_of.items())
        self._temp_topics_digest = digest
        moved = self.conn.execute(
            "SELECT 1 FROM main.item_tallies AS r LEFT JOIN main.item_topics AS s "
            "ON s.item_id = r.item_id LEFT JOIN temp.item_topics AS t ON t.item_id = r.item_id "
            "WHERE s.topic_id IS NOT t.topic_id LIMIT 1"
        ).fetchone()
        if moved is None:
            return
        self.conn.execute(
            "CREATE TEMP TABLE learned_days (day TEXT NOT NULL, topic_id TEXT NOT NULL, "
            "reviews INTEGER NOT NULL, recalled INTEGER NOT NULL, PRIMARY KEY (day, topic_id))"
        )
        self.conn.execute(
            "INSERT INTO temp.learned_days SELECT substr(r.reviewed_at, 1, 10) AS day, "
            "coalesce(t.topic_id, '') AS topic, count(*), sum(r.rating > 1) "
            "FROM main.reviews AS r LEFT JOIN temp.item_topics AS t ON t.item_id = r.item_id "
            "WHERE r.prior_state = ? GROUP BY day, topic",
            (REVIEW_STATE,),
        )

    def _topics_digest(self, topic_of: Mapping[str, str]) -> str:
        """The map's digest, remembered for the last map object seen: a deck hands the same
        (never changed) dict to every report, and hashing 20,000 items takes 5 ms."""
        if self._last_topics is not None and self._last_topics[0] is topic_of:
            return self._last_topics[1]
        text = "\n".join(f"{item_id}\t{topic_id}" for item_id, topic_id in topic_of.items())
        digest = hashlib.blake2b(text.encode(), digest_size=16).hexdigest()
        self._last_topics = (topic_of, digest)
        return digest

    def _meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def cached_figures(self, key: str) -> str | None:
        """A figure computed once and kept (`cache_figures`), or None."""
        return self._meta(_CACHE_PREFIX + key)

    def cache_figures(self, key: str, value: str) -> None:
        """Keep a computed figure that the log it came from cannot change any more (on a
        read-only file it is computed again next time)."""
        if self.read_only:
            return
        with self._write():
            self.conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                (_CACHE_PREFIX + key, value),
            )

    # suspensions ----------------------------------------------------------------------

    def unsuspend(self, item_id: str) -> None:
        """Let a suspended item back into the study queues."""
        with self._write():
            cursor = self.conn.execute("DELETE FROM suspensions WHERE item_id = ?", (item_id,))
            if cursor.rowcount == 0:
                raise StoreError(f"{item_id} is not suspended")

    # flags ----------------------------------------------------------------------------

    def flag_item(
        self, item_id: str, flagged_at: datetime, comment: str | None, content_hash: str | None
    ) -> int:
        """Record that an item looks wrong (with the hash of the text seen); returns the flag id."""
        if flagged_at.tzinfo is None:
            raise ValueError("flagged_at must be timezone-aware")
        with self._write():
            cursor = self.conn.execute(
                "INSERT INTO flags (item_id, flagged_at, comment, content_hash) VALUES (?, ?, ?, ?)",
                (item_id, to_utc_text(flagged_at), comment, content_hash),
            )
        return int(cursor.lastrowid or 0)

    def resolve_flag(self, flag_id: int) -> None:
        """Mark a flag as dealt with by an author; it then leaves the default `flags()` list."""
        with self._write():
            cursor = self.conn.execute("UPDATE flags SET resolved = 1 WHERE id = ?", (flag_id,))
            if cursor.rowcount == 0:
                raise StoreError(f"flag {flag_id} does not exist")

    def flags(self, include_resolved: bool = False) -> list[FlagRecord]:
        """Flags, newest first; open ones only unless `include_resolved`."""
        where = "" if include_resolved else "WHERE resolved = 0"
        rows = self.conn.execute(
            f"SELECT {_FLAG_COLUMNS} FROM flags {where} ORDER BY flagged_at DESC, id DESC"
        )
        return list(self._decoded(_flag_from_row, rows, "flags"))

    # mock exams -----------------------------------------------------------------------

    def create_exam(self, exam: ExamRecord) -> None:
        """Store a new exam, its session (its reviews name it) and one unanswered row per question."""
        marks = ", ".join("?" * len(EXAM_COLUMNS.split(", ")))
        scope = None if exam.topic_ids is None else json.dumps(list(exam.topic_ids))
        with self._write():
            self.conn.execute(
                "INSERT INTO sessions (id, mode, started_at, scope) VALUES (?, 'exam', ?, ?)",
                (exam.id, to_utc_text(exam.started_at), scope),
            )
            self.conn.execute(
                f"INSERT INTO exams ({EXAM_COLUMNS}) VALUES ({marks})", exam_to_row(exam)
            )
            self.conn.executemany(
                "INSERT INTO exam_answers (exam_id, item_id, position) VALUES (?, ?, ?)",
                [(exam.id, item_id, n) for n, item_id in enumerate(exam.question_ids, start=1)],
            )

    def save_exam_answer(
        self, exam_id: str, item_id: str, chosen: Sequence[int] | None, elapsed_ms: int
    ) -> None:
        """Commit one question's picked options (None: unanswered) with the time used so far."""
        self._update_exam_answer(exam_id, item_id, "chosen", chosen_to_text(chosen), elapsed_ms)

    def save_exam_flag(self, exam_id: str, item_id: str, flagged: bool, elapsed_ms: int) -> None:
        """Commit one question's flag with the time used so far."""
        self._update_exam_answer(exam_id, item_id, "flagged", int(flagged), elapsed_ms)

    def _update_exam_answer(
        self, exam_id: str, item_id: str, column: str, value: object, elapsed_ms: int
    ) -> None:
        with self._write():
            self._save_elapsed(exam_id, elapsed_ms)
            cursor = self.conn.execute(
                f"UPDATE exam_answers SET {column} = ? WHERE exam_id = ? AND item_id = ?",
                (value, exam_id, item_id),
            )
            if cursor.rowcount == 0:
                raise StoreError(f"exam {exam_id} has no question {item_id!r}")

    def save_exam_elapsed(self, exam_id: str, elapsed_ms: int) -> None:
        """Commit the time an unfinished exam has used so far."""
        with self._write():
            self._save_elapsed(exam_id, elapsed_ms)

    def _save_elapsed(self, exam_id: str, elapsed_ms: int) -> None:
        cursor = self.conn.execute(
            "UPDATE exams SET elapsed_ms = ? WHERE id = ? AND status = 'in_progress'",
            (elapsed_ms, exam_id),
        )
        if cursor.rowcount == 0:
            raise StoreError(f"exam {exam_id} is not in progress (submitted or discarded?)")

    def submit_exam(
        self,
        outcome: ExamOutcome,
        reviews: Sequence[tuple[ReviewRecord, Callable[[ItemState | None], ItemState]]],
    ) -> list[tuple[ReviewRecord, ItemState]]:
        """Store an exam's score and append its reviews, all in one committed transaction."""
        with self._write():
            self._save_elapsed(outcome.exam_id, outcome.elapsed_ms)
            saved = [self._append_review(review, next_state) for review, next_state in reviews]
            self.conn.execute(
                "UPDATE exams SET status = 'submitted', submitted_at = ?, score_scaled = ?, "
                "correct = ?, total = ? WHERE id = ?",
                (
                    to_utc_text(outcome.submitted_at),
                    outcome.score_scaled,
                    outcome.correct,
                    outcome.total,
                    outcome.exam_id,
                ),
            )
        return saved

    def discard_exam(self, exam_id: str) -> None:
        """Delete an unfinished exam and its answers (its empty session row stays)."""
        with self._write():
            cursor = self.conn.execute(
                "DELETE FROM exams WHERE id = ? AND status = 'in_progress'", (exam_id,)
            )
            if cursor.rowcount == 0:
                raise StoreError(f"exam {exam_id} is not in progress (submitted or discarded?)")

    def exam(self, exam_id: str) -> ExamRecord | None:
        row = self.conn.execute(
            f"SELECT {EXAM_COLUMNS} FROM exams WHERE id = ?", (exam_id,)
        ).fetchone()
        return None if row is None else next(self._decoded(exam_from_row, [row], "exams"))

    def exam_answers(self, exam_id: str) -> list[ExamAnswer]:
        """Every question of an exam in position order, answered or not."""
        rows = self.conn.execute(
            f"SELECT {ANSWER_COLUMNS} FROM exam_answers WHERE exam_id = ? ORDER BY position",
            (exam_id,),
        )
        return list(self._decoded(answer_from_row, rows, "exam_answers"))

    def exams(self, status: ExamStatus | None = None) -> list[ExamRecord]:
        """Exams newest first, all of them or only those with `status`."""
        where, args = ("WHERE status = ?", (status,)) if status else ("", ())
        rows = self.conn.execute(
            f"SELECT {EXAM_COLUMNS} FROM exams {where} ORDER BY started_at DESC, rowid DESC", args
        )
        return list(self._decoded(exam_from_row, rows, "exams"))

    def unfinished_exam(self) -> ExamRecord | None:
        """The newest exam not yet submitted, to offer to resume."""
        unfinished = self.exams("in_progress")
        return unfinished[0] if unfinished else None

    # reads ----------------------------------------------------------------------------

    def _state(self, item_id: str) -> ItemState | None:
        row = self.conn.execute(
            f"SELECT {_STATE_COLUMNS} FROM item_state WHERE item_id = ?", (item_id,)
        ).fetchone()
        return None if row is None else next(self._decoded(_state_from_row, [row], "item_state"))

    def state(self, item_id: str) -> ItemState | None:
        return self._state(item_id)

    def due_item_ids_by_urgency(self, now_text: str) -> list[str]:
        """Items due at or before `now_text`, the most overdue relative to their stability
        first (days late / stability), then by id; read through the index on `due`."""
        rows = self.conn.execute(
            "SELECT item_id FROM item_state WHERE due <= :now "
            "ORDER BY (julianday(:now) - julianday(due)) / max(coalesce(stability, 0), 0.01) "
            "DESC, item_id",
            {"now": now_text},
        )
        return [row[0] for row in rows]

    def seen_item_ids(self) -> set[str]:
        # One joined string split in C, not a row per item: the queue asks on every build,
        # and item ids (ITEM_ID_PATTERN) never hold the unit separator.
        row = self.conn.execute("SELECT group_concat(item_id, char(31)) FROM item_state")
        joined = row.fetchone()[0]
        return set(joined.split("\x1f")) if joined else set()

    def introduced_since(self, since_text: str) -> int:
        """How many items were seen for the first time at or after `since_text`."""
        row = self.conn.execute(
            "SELECT count(*) FROM item_state WHERE first_review >= ?", (since_text,)
        ).fetchone()
        return int(row[0])

    def states(self, item_ids: list[str] | None = None) -> dict[str, ItemState]:
        if item_ids is None:
            rows = self.conn.execute(f"SELECT {_STATE_COLUMNS} FROM item_state")
            return {s.item_id: s for s in self._decoded(_state_from_row, rows, "item_state")}
        found: dict[str, ItemState] = {}
        for start in range(0, len(item_ids), 500):
            chunk = item_ids[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            rows = self.conn.execute(
                f"SELECT {_STATE_COLUMNS} FROM item_state WHERE item_id IN ({marks})", chunk
            )
            found.update((s.item_id, s) for s in self._decoded(_state_from_row, rows, "item_state"))
        return found

    def memories_of_kinds(
        self, kinds: Sequence[str]
    ) -> dict[str, tuple[float | None, datetime | None]]:
        """Stability and last review of every item of these kinds: what recall needs, read
        without building thousands of states (readiness at 20,000 items)."""
        marks = ", ".join("?" * len(kinds))
        rows = self.conn.execute(
            f"SELECT item_id, stability, last_review FROM item_state WHERE kind IN ({marks})",
            list(kinds),
        )
        return {i: (s, from_utc_text(last) if last else None) for i, s, last in rows}

    def reviews_of(self, item_id: str) -> list[ReviewRecord]:
        rows = self.conn.execute(
            f"SELECT {_REVIEW_COLUMNS} FROM reviews WHERE item_id = ? ORDER BY id", (item_id,)
        )
        return list(self._decoded(_review_from_row, rows, "reviews"))

    def all_reviews(self) -> Iterator[ReviewRecord]:
        """The whole log in the order it was written."""
        rows = self.conn.execute(f"SELECT {_REVIEW_COLUMNS} FROM reviews ORDER BY id")
        yield from self._decoded(_review_from_row, rows, "reviews")

    def review_count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM reviews").fetchone()[0])


__all__ = ["SCHEMA_VERSION", "Store"]
