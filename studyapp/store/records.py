"""Plain records the store reads and writes; no SQL and no scheduler here.

The scheduler's own values (`ItemState`, `ReviewRecord`) live in `studyapp.memory`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal, NamedTuple

from studyapp.memory import ItemState, ReviewRecord
from studyapp.themes import DEFAULT_THEME

#: An exam is being taken (and can be resumed) until it is submitted.
ExamStatus = Literal["in_progress", "submitted"]


@dataclass(frozen=True)
class Suspension:
    """An item kept out of every study queue until the learner unsuspends it."""

    item_id: str
    suspended_at: datetime
    reason: str


@dataclass(frozen=True)
class Bookmark:
    """An item the learner marked to come back to; it never touches the item's progress."""

    item_id: str
    bookmarked_at: datetime


class TopicCounts(NamedTuple):
    """One topic's seen items counted in SQL: reviews, recalls, mastered, and due by when
    (suspended items are seen but never due); of them, the flashcards seen and due now.
    `TopicCounts()` is a topic nothing was seen of."""

    seen: int = 0
    reviews: int = 0
    recalled: int = 0
    mastered: int = 0
    due_now: int = 0
    due_today: int = 0
    due_tomorrow: int = 0
    seen_cards: int = 0
    due_now_cards: int = 0


class TimedReview(NamedTuple):
    """One logged review as FSRS tools read it: the item's state before it (0 New, 1 Learning,
    2 Review, 3 Relearning) and the time taken (None where it was not timed)."""

    item_id: str
    reviewed_at: datetime
    rating: int
    prior_state: int
    duration_ms: int | None


class WrongAnswerTally(NamedTuple):
    """How many times one item was answered wrong with one answer (a JSON list as logged).

    A tuple, as a long history holds tens of thousands of distinct wrong answers."""

    item_id: str
    answer: str
    times: int


class AnswerTally(NamedTuple):
    """What the log says about one reviewed item, as readiness reads it (times as UTC text).

    `last_right_at` is the latest right answer's time only when the latest answer was
    wrong; when it was right, it is the item state's `last_review`."""

    item_id: str
    reviews: int
    right: int
    first_right: bool
    latest_right: bool
    last_right_at: str | None


@dataclass(frozen=True)
class FlagRecord:
    """A learner's report that an item looks wrong; it never touches the item's progress."""

    id: int
    item_id: str
    flagged_at: datetime
    comment: str | None
    content_hash: str | None
    resolved: bool


@dataclass(frozen=True)
class Settings:
    """What the user has chosen, stored in the database."""

    #: New flashcards a day.
    new_per_day: int = 20
    #: New questions and scenarios a day (a mock exam's count against neither limit).
    new_questions_per_day: int = 10
    desired_retention: float = 0.9
    #: The exam guide a mock exam follows when none is named (`none`: a topic exam).
    exam_guide: str = "none"
    #: Whether mock exams draw items tagged `newer-than-exam` too.
    exam_include_newer: bool = False
    #: The full-screen app's theme: one of Textual's (`studyapp.themes.THEME_NAMES`).
    theme: str = DEFAULT_THEME


SETTING_LIMITS: dict[str, tuple[type, float, float]] = {
    "new_per_day": (int, 0, 9999),
    "new_questions_per_day": (int, 0, 9999),
    "desired_retention": (float, 0.70, 0.99),
}
#: Settings given as words (checked by `StoredSettings.set`), after the numbers.
WORD_SETTINGS: tuple[str, ...] = ("exam_guide", "exam_include_newer", "theme")
#: Every setting, in the order `studyapp settings` lists them.
SETTING_NAMES: tuple[str, ...] = (*SETTING_LIMITS, *WORD_SETTINGS)

#: The setting that caps each kind's new items a day: flashcards have their own limit, and
#: questions and scenarios share one. Items first met in a mock exam count against neither.
NEW_LIMIT_OF_KIND: dict[str, str] = {
    "card": "new_per_day",
    "question": "new_questions_per_day",
    "scenario": "new_questions_per_day",
}


def kinds_sharing_limit(kind: str) -> tuple[str, ...]:
    """The kinds whose new items count against the same daily limit as `kind`'s."""
    setting = NEW_LIMIT_OF_KIND[kind]
    return tuple(other for other, name in NEW_LIMIT_OF_KIND.items() if name == setting)


def new_limit(settings: Settings, kind: str) -> int:
    """How many new items of `kind` (and the kinds sharing its limit) a study day allows."""
    limit: int = getattr(settings, NEW_LIMIT_OF_KIND[kind])
    return limit


@dataclass(frozen=True)
class ExamRecord:
    """One mock exam: the questions drawn in order, its time limit and, once submitted, its score
    (`correct` of `total` counts only the scored questions)."""

    id: str
    started_at: datetime
    time_limit_seconds: int
    question_ids: tuple[str, ...]
    topic_ids: tuple[str, ...] | None
    status: ExamStatus = "in_progress"
    elapsed_ms: int = 0
    submitted_at: datetime | None = None
    score_scaled: int | None = None
    correct: int | None = None
    total: int | None = None
    #: The exam guide it was drawn by (`dva-c02`), or None for a topic exam.
    guide_id: str | None = None
    #: The questions that do not count, as on the real exam: never shown as such until the end.
    unscored_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class ExamAnswer:
    """One exam question's place, the option indices picked (None: unanswered) and its flag."""

    exam_id: str
    item_id: str
    position: int
    chosen: tuple[int, ...] | None
    flagged: bool


@dataclass(frozen=True)
class ExamOutcome:
    """What submitting an exam stores on its row: when, the time used and the score."""

    exam_id: str
    submitted_at: datetime
    elapsed_ms: int
    score_scaled: int
    correct: int
    total: int


__all__ = [
    "NEW_LIMIT_OF_KIND",
    "SETTING_LIMITS",
    "SETTING_NAMES",
    "WORD_SETTINGS",
    "AnswerTally",
    "Bookmark",
    "ExamAnswer",
    "ExamOutcome",
    "ExamRecord",
    "ExamStatus",
    "FlagRecord",
    "ItemState",
    "ReviewRecord",
    "Settings",
    "Suspension",
    "TimedReview",
    "TopicCounts",
    "WrongAnswerTally",
    "kinds_sharing_limit",
    "new_limit",
]
