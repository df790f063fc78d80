"""Everything a study session needs, opened once from paths, a database and a clock."""

from __future__ import annotations

import os
import random
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from studyapp.clock import Clock, study_day_start, to_utc_text
from studyapp.content import Deck, ItemKind, Problem
from studyapp.content.cache import load_deck_cached
from studyapp.content.guides import ExamGuide
from studyapp.errors import UsageError
from studyapp.srs import StudyQueue, StudyScheduler, build_queue
from studyapp.srs.personal import scheduler_from_store
from studyapp.srs.queue import CONFUSION_REPEATS, QueueFacts
from studyapp.srs.replay import open_store
from studyapp.store import Store
from studyapp.store.records import kinds_sharing_limit, new_limit
from studyapp.store.renames import Renamed
from studyapp.store.views import record_time_zone
from studyapp.study.exam import DEFAULT_MINUTES, DEFAULT_QUESTION_COUNT, ExamSession
from studyapp.study.exam_draw import ExamSpec
from studyapp.study.exam_guide import NO_GUIDE, guide_minutes, known_guide, shipped_guides
from studyapp.study.session import Selection, SessionMode, StudySession

KINDS_OF_MODE: dict[SessionMode, tuple[ItemKind, ...]] = {
    "review": ("card",),
    "quiz": ("question", "scenario"),
    "scenarios": ("scenario",),
}


@dataclass(frozen=True)
class ResumeOffer:
    """An unfinished exam the learner may resume or discard: what the question shows of it."""

    exam_id: str
    started_at: datetime
    answered: int
    total: int
    time_left: timedelta
    #: The exam guide it was drawn by; None for a topic exam.
    guide_id: str | None = None


@dataclass(frozen=True)
class DiscardedExam:
    """An unfinished exam that could not be resumed any more, so it was discarded, and why."""

    exam_id: str
    reason: str


def _load_content(paths: Sequence[Path], cache_dir: Path | None) -> tuple[Deck, list[Problem]]:
    """The deck at `paths` (from `cache_dir` when unchanged), its scenarios held to the rules."""
    from studyapp.decide.check import load_checked_deck

    return load_deck_cached(paths, cache_dir, load_checked_deck)


def unknown_topic_error(topic_id: str, deck: Deck) -> UsageError:
    """The error for a topic the deck does not have, naming the ones it does."""
    known = ", ".join(deck.topics) or "none"
    return UsageError(f"unknown topic {topic_id!r} (topics: {known})")


def _read_only_renamed(
    deck: Deck, db_path: Path | None, clock: Clock
) -> tuple[Store, list[Renamed]]:
    """A read-only open, the deck's renames made first, as an older file is upgraded first:
    through one writable open, if the file has any to make and may be written."""
    store = open_store(db_path, read_only=True)
    if db_path is None or not deck.renames or not store.renames.pending(deck):
        return store, []
    if not (os.access(db_path, os.W_OK) and os.access(db_path.parent, os.W_OK)):
        return store, []
    store.close()
    with open_store(db_path) as writing:
        renamed = writing.items.sync(deck, clock.now())
    return open_store(db_path, read_only=True), renamed


@dataclass
class StudyContext:
    """The deck, the store, the scheduler and the clock, wired together."""

    deck: Deck
    problems: list[Problem]
    store: Store
    scheduler: StudyScheduler
    clock: Clock
    #: Sessions started here; closing ends them (their unanswered new items are given back).
    sessions: list[StudySession] = field(default_factory=list, repr=False)
    _guides: dict[str, ExamGuide] | None = field(default=None, repr=False)
    #: Where the validated deck and guides are cached (None: not cached).
    cache_dir: Path | None = field(default=None, repr=False)
    #: The content files and folders the deck was loaded from (`load_content` reads them again).
    content_paths: tuple[Path, ...] = ()
    #: The renames of the deck this open made (`store.renames`); none when none were due.
    renamed: list[Renamed] = field(default_factory=list, repr=False)

    @classmethod
    def open(
        cls,
        content_paths: Sequence[Path],
        db_path: Path | None,
        clock: Clock,
        cache_dir: Path | None = None,
        *,
        read_only: bool = False,
    ) -> StudyContext:
        """Load the deck (from `cache_dir` when unchanged) and open the progress database
        (for reading only with `read_only`: reports, which then work on a read-only file).

        The deck is checked as `content check` checks it: a scenario the rules contradict is
        left out and reported. A writable database is told the deck's items and the local
        time zone, for its views (`store.views`); it is written only when either changed.
        The history of items the deck renamed moves to their new ids (`store.renames`), even
        for `read_only`: through one writable open first, when the file may be written."""
        deck, problems = _load_content(content_paths, cache_dir)
        store, renamed = (
            _read_only_renamed(deck, db_path, clock) if read_only else (open_store(db_path), [])
        )
        try:
            if not read_only:
                renamed = store.items.sync(deck, clock.now())
                record_time_zone(store, clock.local_tz)
            scheduler = scheduler_from_store(store, clock.local_tz)
        except BaseException:
            store.close()
            raise
        return cls(
            deck,
            problems,
            store,
            scheduler,
            clock,
            cache_dir=cache_dir,
            content_paths=tuple(content_paths),
            renamed=renamed,
        )

    def load_content(self) -> tuple[Deck, list[Problem]]:
        """The deck as its files say now, checked as `open` checks it; nothing is changed
        (`use_deck` serves it), so a worker thread may call this."""
        return _load_content(self.content_paths, self.cache_dir)

    def use_deck(self, deck: Deck, problems: list[Problem]) -> list[Renamed]:
        """Serve `deck` from now on (a content file was saved): a writable store's copy of
        the items follows it, history moves to the ids it renamed (which are returned), and
        the live sessions follow, skipping a removed item (a renamed one's old id too)."""
        renamed = [] if self.store.read_only else self.store.items.sync(deck, self.clock.now())
        self.deck, self.problems = deck, problems
        for session in self.sessions:
            session.use_deck(deck)
        return renamed

    def close(self) -> None:
        try:
            for session in self.sessions:
                session.end()
        except sqlite3.Error:
            pass  # a file that failed already: the claims lapse on their own (CLAIM_TIMEOUT)
        finally:
            self.store.close()

    def reload_scheduler(self) -> None:
        """Pick up changed settings (retention, parameters, exam date) for the reviews that follow."""
        self.scheduler = scheduler_from_store(self.store, self.clock.local_tz)

    def check_topics(self, topic_ids: Sequence[str]) -> list[str] | None:
        """The topics asked for (None for all), refusing ones the deck does not have."""
        if not topic_ids:
            return None
        unknown = [t for t in topic_ids if t not in self.deck.topics]
        if unknown:
            raise unknown_topic_error(unknown[0], self.deck)
        return list(topic_ids)

    def queue(
        self,
        mode: SessionMode,
        topic_ids: Sequence[str] = (),
        count: int | None = None,
        selection: Selection = "due",
        *,
        early: bool = True,
    ) -> StudyQueue:
        """Today's queue for `mode`: due items, then new ones as the day's limit of their
        kind allows (`new_limit`); a quiz (`early`) also serves items before they fall due.
        The missed or bookmarked items instead with a `selection`."""
        if selection != "due":
            return self._chosen_queue(mode, topic_ids, count, selection)
        now = self.clock.now()
        kinds, topics = KINDS_OF_MODE[mode], self.check_topics(topic_ids)
        fill_early = mode != "review" and early
        return build_queue(
            self.deck,
            self.queue_facts(self.deck.item_ids_of(kinds, topics) if fill_early else (), kinds[0]),
            self.scheduler,
            now=now,
            kinds=kinds,
            topic_ids=topics,
            new_per_day=new_limit(self.store.settings.current(), kinds[0]),
            limit=count,
            fill_early=fill_early,
        )

    def _chosen_queue(
        self, mode: SessionMode, topic_ids: Sequence[str], count: int | None, selection: Selection
    ) -> StudyQueue:
        """The missed or bookmarked items of `mode`'s kinds and the topics, in their order,
        up to `count`; suspended items (leeches) stay out, as from every queue."""
        store = self.store
        ordered = (
            store.rollups.missed_item_ids()
            if selection == "missed"
            else [bookmark.item_id for bookmark in store.bookmarks.records()]
        )
        allowed = set(self.deck.item_ids_of(KINDS_OF_MODE[mode], self.check_topics(topic_ids)))
        allowed -= store.flags.suspended_item_ids()
        chosen = [item_id for item_id in ordered if item_id in allowed]
        return StudyQueue(tuple(chosen[:count]), ())

    def queue_facts(self, state_item_ids: Iterable[str] = (), kind: str = "card") -> QueueFacts:
        """What a queue is built from, read from the store now (states of `state_item_ids`;
        the new items introduced today of the kinds sharing `kind`'s limit)."""
        store, now = self.store, self.clock.now()
        day_start = study_day_start(now, self.clock.local_tz)
        introduced = store.reviews.introduced_since(
            to_utc_text(day_start), kinds_sharing_limit(kind)
        )
        return QueueFacts(
            suspended_item_ids=frozenset(store.flags.suspended_item_ids()),
            confused_item_ids=frozenset(store.rollups.confused_item_ids(CONFUSION_REPEATS)),
            due_item_ids_by_urgency=tuple(store.reviews.due_item_ids_by_urgency(to_utc_text(now))),
            introduced_today=introduced,
            seen_item_ids=frozenset(store.reviews.seen_item_ids()),
            states=store.reviews.states(list(state_item_ids)),
        )

    def start(
        self,
        mode: SessionMode,
        topic_ids: Sequence[str] = (),
        count: int | None = None,
        rng: random.Random | None = None,
        selection: Selection = "due",
        *,
        early: bool = True,
    ) -> StudySession:
        """A new session over today's queue for `mode`, or the missed or bookmarked items
        (a quiz's count defaults to 10).

        `early=False` serves only what is due and today's new items, however many: what
        Home's "study now" runs."""
        if mode != "review" and count is None and (early or selection != "due"):
            count = 10
        queue = self.queue(mode, topic_ids, count, selection, early=early)
        scope = [
            item.id
            for item in self.deck.items_of(KINDS_OF_MODE[mode], self.check_topics(topic_ids))
        ]
        session_id = (
            f"{self.clock.now():%Y%m%dT%H%M%S}-{(rng or random.Random()).getrandbits(48):012x}"
        )
        session = StudySession(
            deck=self.deck,
            store=self.store,
            scheduler=self.scheduler,
            clock=self.clock,
            queue=queue,
            session_id=session_id,
            mode=mode,
            scope_item_ids=scope,
            selection=selection,
        )
        self.sessions.append(session)
        return session

    @property
    def guides(self) -> dict[str, ExamGuide]:
        """The shipped exam guides by id, loaded the first time they are needed."""
        if self._guides is None:
            self._guides = shipped_guides(self.cache_dir)
        return self._guides

    def exam_spec(
        self,
        topic_ids: Sequence[str] = (),
        question_count: int | None = None,
        minutes: int | None = None,
        *,
        guide_id: str | None = None,
        include_newer: bool | None = None,
    ) -> ExamSpec:
        """What a new exam would be. Without `guide_id` it follows the `exam_guide` setting,
        unless topics are given (a topic exam); `none` is a topic exam. A guide exam is the
        guide's length and time unless counts are given (time then at the guide's pace); a
        topic exam is 30 questions in 60 minutes. `include_newer` defaults to its setting."""
        settings = self.store.settings.current()
        topics = tuple(self.check_topics(topic_ids) or ())
        wanted = guide_id if guide_id is not None else NO_GUIDE if topics else settings.exam_guide
        guide = None if wanted.strip().lower() == NO_GUIDE else known_guide(wanted, self.guides)
        if guide is not None and topics:
            raise UsageError(
                "a guide exam draws from every topic by domain weight: name a guide or topics, "
                "not both (--guide none for a topic exam)"
            )
        newer = settings.exam_include_newer if include_newer is None else include_newer
        if guide is None:
            count = question_count or DEFAULT_QUESTION_COUNT
            return ExamSpec(count, minutes or DEFAULT_MINUTES, None, topics, newer)
        count = question_count or guide.format.questions
        return ExamSpec(count, minutes or guide_minutes(guide.format, count), guide, (), newer)

    def start_exam(
        self,
        topic_ids: Sequence[str] = (),
        question_count: int | None = None,
        minutes: int | None = None,
        rng: random.Random | None = None,
        *,
        guide_id: str | None = None,
        include_newer: bool | None = None,
    ) -> ExamSession:
        """A new mock exam as `exam_spec` describes it, stored before it opens."""
        spec = self.exam_spec(
            topic_ids, question_count, minutes, guide_id=guide_id, include_newer=include_newer
        )
        return ExamSession.start(
            deck=self.deck,
            store=self.store,
            scheduler=self.scheduler,
            clock=self.clock,
            rng=rng or random.Random(),
            topic_ids=list(spec.topic_ids) or None,
            question_count=spec.question_count,
            minutes=spec.minutes,
            guide=spec.guide,
            include_newer=spec.include_newer,
        )

    def resume_exam(self, exam_id: str) -> ExamSession:
        """Reopen a stored exam where it stopped (a guide exam with its guide's domains)."""
        record = self.store.exams.get(exam_id)
        return ExamSession.resume(
            deck=self.deck,
            store=self.store,
            scheduler=self.scheduler,
            clock=self.clock,
            exam_id=exam_id,
            guides=self.guides if record is not None and record.guide_id else None,
        )

    def unfinished_exam(self) -> ResumeOffer | DiscardedExam | None:
        """The unfinished exam to offer to resume, or None; one that cannot be resumed (none
        of its questions are in the deck now) is discarded here, and said so."""
        unfinished = self.store.exams.unfinished()
        if unfinished is None:
            return None
        try:
            exam = self.resume_exam(unfinished.id)
        except UsageError as exc:
            self.store.exams.discard(unfinished.id)
            return DiscardedExam(unfinished.id, str(exc))
        answered = exam.total - exam.unanswered_count
        return ResumeOffer(
            unfinished.id,
            unfinished.started_at,
            answered,
            exam.total,
            exam.time_remaining(),
            unfinished.guide_id,
        )

    def resume_or_discard(self, offer: ResumeOffer, resume: bool) -> ExamSession | None:
        """The offered exam reopened (its clock starts again now), or discarded: None."""
        if resume:
            return self.resume_exam(offer.exam_id)
        self.store.exams.discard(offer.exam_id)
        return None
