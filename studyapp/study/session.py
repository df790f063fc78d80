"""The session engine every front end drives: next item, answer, result, undo, summary.

Each answer is committed to the store before the next item can be asked for, so a killed
process never loses an answered review.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Literal

from studyapp.clock import Clock, study_day_start, to_utc_text
from studyapp.content import (
    Card,
    Deck,
    Item,
    Question,
    Scenario,
    content_hash,
    item_kind,
)
from studyapp.errors import UsageError, is_disk_full
from studyapp.srs import Rating, StudyQueue, StudyScheduler, rating_for_answer
from studyapp.store import ItemState, ReviewRecord, Store
from studyapp.store.records import kinds_sharing_limit, new_limit
from studyapp.study.options import ShownOptions, choices_of, how_many_to_choose
from studyapp.text import a_or_an

if TYPE_CHECKING:
    from studyapp.decide import RuleBook

#: A card due again within this long (a learning step) comes back in the same session.
LEARN_AHEAD = timedelta(minutes=20)

#: review: flashcards; quiz: questions and scenarios; scenarios: scenarios only (a drill).
SessionMode = Literal["review", "quiz", "scenarios"]

#: Which items a session serves: today's queue (due, then new, then a quiz's early ones),
#: the items whose latest answer was wrong (most recent first), or the bookmarked ones
#: (newest bookmark first). The last two are practice off the schedule; their answers are
#: recorded and scheduled as any other.
Selection = Literal["due", "missed", "bookmarked"]


@dataclass(frozen=True)
class Answered:
    """What one committed answer did: the review row and the state it produced.

    `selected` are authored indices; `shown` is the order the options were presented in."""

    item: Item
    review: ReviewRecord
    state: ItemState
    selected: tuple[int, ...] = ()
    shown: ShownOptions | None = None

    @property
    def correct(self) -> bool | None:
        return self.review.correct

    @property
    def rating(self) -> Rating:
        return Rating(self.review.rating)


@dataclass(frozen=True)
class SessionSummary:
    """The end-of-session tally."""

    mode: SessionMode
    answered: int
    correct: int
    graded: int
    rating_counts: dict[Rating, int]
    elapsed: timedelta
    missed_item_ids: tuple[str, ...]
    still_due: int
    next_due: datetime | None
    #: Which items the session served, and how many it showed (0: it had nothing to study).
    selection: Selection = "due"
    shown: int = 0

    @property
    def correct_share(self) -> float | None:
        """Share answered right: questions right, or cards not rated Again."""
        if self.answered == 0:
            return None
        return self.correct / self.answered


class StudySession:
    """Serves a queue of items and commits every answer as it is given."""

    def __init__(
        self,
        *,
        deck: Deck,
        store: Store,
        scheduler: StudyScheduler,
        clock: Clock,
        queue: StudyQueue,
        session_id: str,
        mode: SessionMode,
        scope_item_ids: Sequence[str] = (),
        selection: Selection = "due",
    ) -> None:
        self.deck = deck
        self.store = store
        self.scheduler = scheduler
        self.clock = clock
        self.mode = mode
        self.selection = selection
        self.session_id = session_id
        self.scope_item_ids = list(scope_item_ids) or list(queue.item_ids)
        self.started_at = clock.now()
        self._pending: list[str] = list(queue.item_ids)
        self._new_ids = set(queue.new_item_ids)
        self._learning: list[tuple[datetime, str]] = []
        self._history: list[Answered] = []
        self._current_id: str | None = None
        self._shown_at: datetime | None = None
        self._rules: RuleBook | None = None
        #: Items shown so far (an item shown again after an undo counts again).
        self._shown_count = 0
        #: Whether this session has claimed a new item (`end` then gives its claims back).
        self._claimed = False
        store.reviews.start_session(session_id, mode, to_utc_text(self.started_at), None)

    # what to show ---------------------------------------------------------------------

    @property
    def remaining(self) -> int:
        """Items still to show, counting learning cards that will come back."""
        return len(self._pending) + len(self._learning) + (1 if self._current_id else 0)

    @property
    def history(self) -> tuple[Answered, ...]:
        return tuple(self._history)

    def use_deck(self, deck: Deck) -> None:
        """Go on with `deck` (its files were saved): an item it renamed goes on under its
        new id, one it no longer has is skipped, the one showing too; answers given stay as
        they were."""
        self.deck = deck
        pending = dict.fromkeys(map(deck.current_id, self._pending))
        self._pending = [item_id for item_id in pending if item_id in deck.items]
        learning = [(due, deck.current_id(item_id)) for due, item_id in self._learning]
        self._learning = [(due, item_id) for due, item_id in learning if item_id in deck.items]
        if self._current_id is not None:
            self._current_id = deck.current_id(self._current_id)
            if self._current_id not in deck.items:
                self._current_id = None

    def current(self) -> Item | None:
        """The item to show now, or None when the session is done."""
        if self._current_id is not None and self._current_id not in self.deck.items:
            self._current_id = None  # taken back by `undo` after it left the deck
        if self._current_id is None:
            self._current_id = self._next_id()
            self._shown_at = self.clock.now()
            self._shown_count += self._current_id is not None
        return None if self._current_id is None else self.deck.items[self._current_id]

    def preview_current(self) -> dict[Rating, str]:
        """What each rating button says for the item showing now (1m, 10m, 3d): the interval
        each rating would commit, so front ends need not reach into the scheduler or store."""
        item = self.current()
        if item is None:
            raise UsageError("nothing is showing to preview")
        state = self.store.reviews.state(item.id)
        return self.scheduler.interval_labels(state, item.id, item_kind(item), self.clock.now())

    def shown_options(self) -> ShownOptions:
        """The current question's or scenario's options in the order to show them.

        Seeded by the session, the item and its review count: the same order until it is
        answered (and after an undo), a new one when it comes back."""
        item = self._require(Question, Scenario)
        assert isinstance(item, Question | Scenario)
        state = self.store.reviews.state(item.id)
        return ShownOptions.for_quiz(item, self.session_id, state.reps if state else 0)

    def _next_id(self) -> str | None:
        now = self.clock.now()
        if self._learning and (self._learning[0][0] <= now or not self._pending):
            return self._learning.pop(0)[1]
        while self._pending:
            item_id = self._pending[0]  # taken off only once claimed: a failed write keeps it
            if item_id not in self.deck.items:
                self._pending.pop(0)
            elif item_id not in self._new_ids or self._may_introduce(item_id, now):
                return self._pending.pop(0)
        return None

    def _may_introduce(self, item_id: str, now: datetime) -> bool:
        """Whether a queued new item may still be shown: claims it for this session unless
        the day's new items of its kind (introduced, or claimed by any window on the file)
        are used up.

        Counted inside the claim's write transaction, so the windows sharing a file show
        exactly the day's limit of new items between them, never more."""
        day_start = study_day_start(now, self.clock.local_tz)
        kind = item_kind(self.deck.items[item_id])
        try:
            if self.store.reviews.claim_new_item(
                item_id, self.session_id, now, day_start, kind=kind
            ):
                self._claimed = True
                return True
        except sqlite3.OperationalError as error:
            if not is_disk_full(error):
                raise
            # No room for the claim: read the count instead (at most one over per window).
            since = to_utc_text(day_start)
            introduced = self.store.reviews.introduced_since(since, kinds_sharing_limit(kind))
            if introduced < new_limit(self.store.settings.current(), kind):
                return True
        self._pending = [i for i in self._pending if i not in self._new_ids]
        self._new_ids.clear()
        return False

    def end(self) -> None:
        """Give back the new items this session claimed and never answered, so other windows
        may show them today; its answers are all saved already."""
        if not self._claimed:
            return
        try:
            self.store.reviews.release_claims(self.session_id)
        except sqlite3.OperationalError as error:
            if not is_disk_full(error):
                raise
            return  # left to lapse (CLAIM_TIMEOUT)
        self._claimed = False

    # answering ------------------------------------------------------------------------

    def rate(self, rating: Rating) -> Answered:
        """Rate the current flashcard."""
        item = self._require(Card)
        return self._commit(item, rating, correct=None, answer=None, selected=())

    def answer(self, selected: Collection[int], *, easy: bool = False) -> Answered:
        """Answer the current question or scenario with the chosen option indices as authored
        (a front end turns the letters it showed into these with `shown_options`)."""
        item = self._require(Question, Scenario)
        assert isinstance(item, Question | Scenario)
        shown = self.shown_options()
        choices = choices_of(item)
        chosen = tuple(sorted(set(selected)))
        if any(i < 0 or i >= len(choices) for i in chosen):
            raise UsageError(f"choose options 1 to {len(choices)}")
        if len(chosen) != how_many_to_choose(item):
            raise UsageError(f"choose exactly {how_many_to_choose(item)}")
        right = tuple(i for i, choice in enumerate(choices) if choice.correct)
        correct = chosen == right
        given = [item.options[i] if isinstance(item, Scenario) else choices[i].text for i in chosen]
        rating = rating_for_answer(correct, easy)
        return self._commit(
            item, rating, correct=correct, answer=json.dumps(given), selected=chosen, shown=shown
        )

    def mark_easy(self) -> Answered:
        """Re-grade the last answer, which was right, as Easy (at the same moment)."""
        if not self._history or self._history[-1].correct is not True:
            raise UsageError("only a right answer can be marked easy")
        last = self._history[-1]
        if last.rating == Rating.EASY:
            return last
        self.undo()
        self._current_id = last.item.id
        moment = last.review.reviewed_at
        return self._commit(
            last.item,
            Rating.EASY,
            correct=True,
            answer=last.review.answer,
            selected=last.selected,
            shown=last.shown,
            at=moment,
            duration_ms=last.review.duration_ms,
        )

    def _require(self, *kinds: type) -> Item:
        item = self.current()
        if item is None:
            raise UsageError("the session is over")
        if not isinstance(item, kinds):
            wanted = a_or_an(kinds[0].__name__.lower())
            raise UsageError(f"this is {a_or_an(item_kind(item))}, not {wanted}")
        return item

    def _commit(
        self,
        item: Item,
        rating: Rating,
        *,
        correct: bool | None,
        answer: str | None,
        selected: tuple[int, ...],
        shown: ShownOptions | None = None,
        at: datetime | None = None,
        duration_ms: int | None = None,
    ) -> Answered:
        now = at or self.clock.now()
        if duration_ms is None and self._shown_at is not None:
            duration_ms = max(0, int((now - self._shown_at).total_seconds() * 1000))
        kind = item_kind(item)
        record = ReviewRecord(
            item_id=item.id,
            kind=kind,
            reviewed_at=now,
            rating=int(rating),
            correct=correct,
            answer=answer,
            duration_ms=duration_ms,
            session_id=self.session_id,
            content_hash=content_hash(item),
        )
        saved, state = self.store.reviews.record(
            record, lambda prior: self.scheduler.next_state(prior, item.id, kind, rating, now)
        )
        answered = Answered(item, saved, state, selected, shown)
        self._history.append(answered)
        self._current_id = None
        if self.mode == "review" and state.due - now <= LEARN_AHEAD:
            self._learning.append((state.due, item.id))
            self._learning.sort()
        return answered

    def undo(self) -> Item | None:
        """Take back the last answer: its review row goes, its state is rebuilt, it shows again."""
        if not self._history:
            return None
        last = self._history[-1]
        # Taken back, a first answer's item is new again: it keeps its slot as a claim.
        reclaim = (self.session_id, self.clock.now())
        undone = self.store.reviews.undo(last.review, self.scheduler.replay, reclaim)
        if undone is None:
            self._claimed = True
        self._history.pop()  # only once the store has taken it back (a full disk may refuse)
        self._learning = [(due, i) for due, i in self._learning if i != last.item.id]
        if self._current_id is not None:
            self._pending.insert(0, self._current_id)
        self._current_id = last.item.id
        self._shown_at = self.clock.now()
        return last.item

    def scenario_trace(self, item: Scenario, picked: str) -> list[str]:
        """The decision engine's reasons for a scenario's answer, and against the pick."""
        from studyapp.decide import decide, explain_pick, load_rules

        if self._rules is None:
            self._rules = load_rules()
        return explain_pick(decide(item.facts, self._rules), picked)

    # the end --------------------------------------------------------------------------

    def summary(self) -> SessionSummary:
        """The tally so far; the session may be ended at any point."""
        now = self.clock.now()
        counts = {rating: 0 for rating in Rating}
        for answered in self._history:
            counts[answered.rating] += 1
        graded = [a for a in self._history if a.correct is not None]
        correct = sum(
            1 for a in self._history if (a.correct if a.correct is not None else a.rating > 1)
        )
        missed = tuple(dict.fromkeys(a.item.id for a in self._history if a.correct is False))
        states = self.store.reviews.states(self.scope_item_ids)
        due_times = [s.due for s in states.values()]
        still_due = sum(1 for due in due_times if due <= now)
        later = [due for due in due_times if due > now]
        return SessionSummary(
            mode=self.mode,
            answered=len(self._history),
            correct=correct,
            graded=len(graded),
            rating_counts=counts,
            elapsed=now - self.started_at,
            missed_item_ids=missed,
            still_due=still_due,
            next_due=min(later) if later else None,
            selection=self.selection,
            shown=self._shown_count,
        )
