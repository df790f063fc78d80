"""Sessions, the append-only review log, the per-item state cache and new-item claims."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import fields
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from studyapp.clock import from_utc_text, to_utc_text
from studyapp.errors import StoreError
from studyapp.store.identity import new_review_uid
from studyapp.store.leeches import LEECH_REASON, is_leech_lapse
from studyapp.store.records import (
    ItemState,
    ReviewRecord,
    TimedReview,
    kinds_sharing_limit,
    new_limit,
)
from studyapp.store.review_rows import (
    REVIEW_COLUMNS,
    STATE_COLUMNS,
    review_from_row,
    state_from_row,
    state_to_row,
    timed_from_row,
)

if TYPE_CHECKING:
    from studyapp.store.database import Store
    from studyapp.store.settings import StoredSettings

#: A new item's claim lapses after this long unanswered, so a killed window's claims never
#: hold the day's new-item slots for long.
CLAIM_TIMEOUT = timedelta(minutes=30)
#: How many of its latest reviews a store remembers, so that undoing one never removes
#: another review that took its id (after a restore); sessions undo their last answers.


class ReviewLog:
    """Sessions, the review log, the state cache and the day's new-item claims (`store.reviews`).

    A commit of `record` also updates four totals through triggers, declared in
    `studyapp.store.rollups`; `store.rollups` reads them.
    """

    def __init__(self, store: Store, settings: StoredSettings) -> None:
        self._store = store
        self._conn = store.conn
        self._settings = settings
        #: The sessions started through this store: id -> (mode, started_at, scope).
        self._started: dict[str, tuple[str, str, str | None]] = {}

    # sessions -------------------------------------------------------------------------

    def start_session(self, session_id: str, mode: str, started_at: str, scope: str | None) -> None:
        with self._store.write():
            self.insert_session(session_id, mode, started_at, scope)

    def insert_session(
        self, session_id: str, mode: str, started_at: str, scope: str | None, *, again: bool = False
    ) -> None:
        """Add a session row inside the caller's transaction and remember it; `again` (for
        one this store started) adds it only if the file lacks it."""
        verb = "INSERT OR IGNORE" if again else "INSERT"
        self._conn.execute(
            f"{verb} INTO sessions (id, mode, started_at, scope) VALUES (?, ?, ?, ?)",
            (session_id, mode, started_at, scope),
        )
        self._started[session_id] = (mode, started_at, scope)

    def _keep_own_session(self, session_id: str | None) -> None:
        """Write a session this store started back if the file no longer has it: a
        `studyapp restore` from another process put a backup's content in place meanwhile,
        and this window's next answer must still have the session it names."""
        if session_id in self._started:
            self.insert_session(session_id, *self._started[session_id], again=True)

    def session_exists(self, session_id: str) -> bool:
        """Whether a session (a quiz, or an exam, even a discarded one) has this id."""
        row = self._conn.execute("SELECT 1 FROM sessions WHERE id = ?", (session_id,)).fetchone()
        return row is not None

    # the log --------------------------------------------------------------------------

    def record(
        self, review: ReviewRecord, next_state: Callable[[ItemState | None], ItemState]
    ) -> tuple[ReviewRecord, ItemState]:
        """Append a review and update the item's state in one committed transaction.

        The triggers of `studyapp.store.rollups` add it to the totals in that commit."""
        with self._store.write():
            return self.append(review, next_state)

    def append(
        self, review: ReviewRecord, next_state: Callable[[ItemState | None], ItemState]
    ) -> tuple[ReviewRecord, ItemState]:
        """Append a review and update the item's state inside the caller's transaction.

        A review without a uid gets a random one (`new_review_uid`), not one from the
        session's seeded `random.Random`: two devices seeded alike would otherwise give two
        different reviews one identity, and a merge would keep only one of them."""
        self._keep_own_session(review.session_id)
        prior = self.state(review.item_id)
        state = next_state(prior)
        row = {f.name: getattr(review, f.name) for f in fields(ReviewRecord) if f.name != "id"}
        row["reviewed_at"] = to_utc_text(review.reviewed_at)
        row["prior_state"] = prior.state if prior else 0
        row["uid"] = review.uid or new_review_uid()
        cursor = self._conn.execute(
            "INSERT INTO reviews (item_id, kind, reviewed_at, rating, correct, answer, "
            "duration_ms, session_id, content_hash, prior_state, uid) VALUES (:item_id, :kind, "
            ":reviewed_at, :rating, :correct, :answer, :duration_ms, :session_id, "
            ":content_hash, :prior_state, :uid)",
            row,
        )
        self._put_state(state)
        if prior is None:  # introduced now: its slot is counted from item_state from here on
            self._conn.execute("DELETE FROM new_item_claims WHERE item_id = ?", (review.item_id,))
        if is_leech_lapse(prior, state):
            self._conn.execute(
                "INSERT OR REPLACE INTO suspensions (item_id, suspended_at, reason) "
                "VALUES (?, ?, ?)",
                (review.item_id, row["reviewed_at"], LEECH_REASON),
            )
        assert cursor.lastrowid is not None
        return ReviewRecord(**{**review.__dict__, "id": cursor.lastrowid, "uid": row["uid"]}), state

    def undo(
        self,
        review: ReviewRecord,
        replay: Callable[[list[ReviewRecord]], ItemState | None],
        reclaim_for: tuple[str, datetime] | None = None,
    ) -> ItemState | None:
        """Remove one review (as `append` returned it) and rebuild its item's state from the
        reviews that remain.

        With `reclaim_for` (session id, time), an item left with no state (new again) is
        claimed for that session in the same transaction, keeping the slot it had taken.
        The review is found by its uid, never its id: a merge may have renumbered ids since,
        and a restore may have given its id to another review."""
        with self._store.write():
            row = self._row_to_undo(review)
            self._conn.execute("DELETE FROM reviews WHERE id = ?", (row[2],))
            # A suspension this very review caused goes with it.
            self._conn.execute(
                "DELETE FROM suspensions WHERE item_id = ? AND suspended_at = ? AND reason = ?",
                (row[0], row[1], LEECH_REASON),
            )
            state = replay(self.of(row[0]))
            if state is None:
                self._conn.execute("DELETE FROM item_state WHERE item_id = ?", (row[0],))
                if reclaim_for is not None:
                    self._put_claim(row[0], *reclaim_for)
            else:
                self._put_state(state)
        return state

    def _row_to_undo(self, review: ReviewRecord) -> tuple[str, str, int]:
        """The (item id, time, id) of `review` in the log now, found by its uid."""
        found = self._conn.execute(
            "SELECT item_id, reviewed_at, id FROM reviews WHERE uid = ?", (review.uid,)
        )
        row = found.fetchone()
        if row is None:
            raise StoreError(
                f"review {review.id} is no longer in the log "
                "(already undone, or a backup was restored since)"
            )
        return (row[0], row[1], row[2])

    def of(self, item_id: str) -> list[ReviewRecord]:
        """One item's reviews in the order they were written."""
        rows = self._conn.execute(
            f"SELECT {REVIEW_COLUMNS} FROM reviews WHERE item_id = ? ORDER BY id", (item_id,)
        )
        return list(self._store.decoded(review_from_row, rows, "reviews"))

    def all(self) -> Iterator[ReviewRecord]:
        """The whole log in the order it was written."""
        rows = self._conn.execute(f"SELECT {REVIEW_COLUMNS} FROM reviews ORDER BY id")
        yield from self._store.decoded(review_from_row, rows, "reviews")

    def count(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM reviews").fetchone()[0])

    def timed(self) -> Iterator[TimedReview]:
        """The whole log in the order it was written, with each item's state before the
        review and the time taken: what `studyapp export reviews` writes."""
        rows = self._conn.execute(
            "SELECT item_id, reviewed_at, rating, prior_state, duration_ms FROM reviews ORDER BY id"
        )
        yield from self._store.decoded(timed_from_row, rows, "reviews")

    # the day's new items across windows ------------------------------------------------

    def claim_new_item(
        self, item_id: str, session_id: str, now: datetime, day_start: datetime, *, kind: str
    ) -> bool:
        """Take one of today's new-item slots for `item_id` (of `kind`), about to be shown by
        `session_id`; False when the items introduced since `day_start` and the other live
        claims, of the kinds sharing its limit (`new_limit`), already fill that limit.

        Counted and claimed in one IMMEDIATE transaction, so windows sharing the file never
        show more new items between them than the limit. An item seen meanwhile needs none.
        A claim on an item the `items` table does not know counts against every limit.
        """
        expired = to_utc_text(max(day_start, now - CLAIM_TIMEOUT))
        kinds = kinds_sharing_limit(kind)
        with self._store.write():
            if self.state(item_id) is not None:
                return True
            self._conn.execute(
                "DELETE FROM new_item_claims WHERE claimed_at < ? OR EXISTS "
                "(SELECT 1 FROM item_state AS s WHERE s.item_id = new_item_claims.item_id)",
                (expired,),
            )
            marks = ", ".join("?" * len(kinds))
            claimed = self._conn.execute(
                "SELECT count(*) FROM new_item_claims AS c LEFT JOIN items AS i "
                f"ON i.item_id = c.item_id WHERE c.item_id != ? AND (i.kind IS NULL "
                f"OR i.kind IN ({marks}))",
                (item_id, *kinds),
            ).fetchone()[0]
            taken = self.introduced_since(to_utc_text(day_start), kinds) + int(claimed)
            if taken >= new_limit(self._settings.current(), kind):
                return False
            self._put_claim(item_id, session_id, now)
        return True

    def release_claims(self, session_id: str) -> None:
        """Give back the slots of new items a session claimed but never answered."""
        with self._store.write():
            self._conn.execute("DELETE FROM new_item_claims WHERE session_id = ?", (session_id,))

    def claims(self) -> dict[str, str]:
        """Every claim on file, live or lapsed: item id to the claiming session's id."""
        return dict(self._conn.execute("SELECT item_id, session_id FROM new_item_claims"))

    def _put_claim(self, item_id: str, session_id: str, claimed_at: datetime) -> None:
        self._conn.execute(
            "INSERT OR REPLACE INTO new_item_claims (item_id, session_id, claimed_at) "
            "VALUES (?, ?, ?)",
            (item_id, session_id, to_utc_text(claimed_at)),
        )

    # the state cache ------------------------------------------------------------------

    def _put_state(self, state: ItemState) -> None:
        row = state_to_row(state)
        names = ", ".join(row)
        self._conn.execute(
            f"INSERT OR REPLACE INTO item_state ({names}) VALUES ({', '.join(':' + k for k in row)})",
            row,
        )

    def replace_states(self, states: list[ItemState]) -> None:
        """Swap the whole state cache for a rebuilt one."""
        with self._store.write():
            self._conn.execute("DELETE FROM item_state")
            for state in states:
                self._put_state(state)

    def state(self, item_id: str) -> ItemState | None:
        row = self._conn.execute(
            f"SELECT {STATE_COLUMNS} FROM item_state WHERE item_id = ?", (item_id,)
        ).fetchone()
        if row is None:
            return None
        return next(self._store.decoded(state_from_row, [row], "item_state"))

    def states(self, item_ids: list[str] | None = None) -> dict[str, ItemState]:
        if item_ids is None:
            rows = self._conn.execute(f"SELECT {STATE_COLUMNS} FROM item_state")
            return {s.item_id: s for s in self._store.decoded(state_from_row, rows, "item_state")}
        found: dict[str, ItemState] = {}
        for start in range(0, len(item_ids), 500):
            chunk = item_ids[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            rows = self._conn.execute(
                f"SELECT {STATE_COLUMNS} FROM item_state WHERE item_id IN ({marks})", chunk
            )
            states = self._store.decoded(state_from_row, rows, "item_state")
            found.update((s.item_id, s) for s in states)
        return found

    def due_item_ids_by_urgency(self, now_text: str) -> list[str]:
        """Items due at or before `now_text`, the most overdue relative to their stability
        first (days late / stability), then by id; read through the index on `due`."""
        rows = self._conn.execute(
            "SELECT item_id FROM item_state WHERE due <= :now "
            "ORDER BY (julianday(:now) - julianday(due)) / max(coalesce(stability, 0), 0.01) "
            "DESC, item_id",
            {"now": now_text},
        )
        return [row[0] for row in rows]

    def seen_item_ids(self) -> set[str]:
        # One joined string split in C, not a row per item: the queue asks on every build,
        # and item ids (ITEM_ID_PATTERN) never hold the unit separator.
        row = self._conn.execute("SELECT group_concat(item_id, char(31)) FROM item_state")
        joined = row.fetchone()[0]
        return set(joined.split("\x1f")) if joined else set()

    def introduced_since(self, since_text: str, kinds: Sequence[str] | None = None) -> int:
        """How many items (of `kinds`, if given) were seen for the first time at or after
        `since_text` outside a mock exam: what counts against the day's new-item limits.

        An item's first review is its first row in the log; one in an exam's session (mode
        `exam`) is the exam's, and mock exams introduce items without using up a limit."""
        where, args = "", [since_text]
        if kinds is not None:
            where = f" AND s.kind IN ({', '.join('?' * len(kinds))})"
            args += list(kinds)
        row = self._conn.execute(
            f"SELECT count(*) FROM item_state AS s WHERE s.first_review >= ?{where} AND "
            "(SELECT e.mode FROM reviews AS r LEFT JOIN sessions AS e ON e.id = r.session_id "
            "WHERE r.item_id = s.item_id ORDER BY r.id LIMIT 1) IS NOT 'exam'",
            args,
        ).fetchone()
        return int(row[0])

    def memories_of_kinds(
        self, kinds: Sequence[str]
    ) -> dict[str, tuple[float | None, datetime | None]]:
        """Stability and last review of every item of these kinds: what recall needs, read
        without building thousands of states (readiness at 20,000 items)."""
        marks = ", ".join("?" * len(kinds))
        rows = self._conn.execute(
            f"SELECT item_id, stability, last_review FROM item_state WHERE kind IN ({marks})",
            list(kinds),
        )
        return {i: (s, from_utc_text(last) if last else None) for i, s, last in rows}


__all__ = ["CLAIM_TIMEOUT", "ReviewLog", "state_from_row", "state_to_row"]
