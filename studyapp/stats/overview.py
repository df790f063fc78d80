"""Today's counts per topic for a home screen: what is due, what is new, how much is seen.

The one place "new today" is counted: Home, the line-mode menu and `studyapp due` show it.
Flashcards and questions (with scenarios) are counted apart, as each kind has its own
daily limit of new items (`new_per_day`, `new_questions_per_day`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from studyapp.clock import study_day_start, to_utc_text
from studyapp.content import ItemKind
from studyapp.srs.queue import new_allowed_today
from studyapp.stats.progress import TopicProgress, topic_progress
from studyapp.store.records import new_limit
from studyapp.study.context import StudyContext

#: The kinds Home counts apart, each group sharing one daily limit (`kinds_sharing_limit`).
CARD_KINDS: tuple[ItemKind, ...] = ("card",)
QUESTION_KINDS: tuple[ItemKind, ...] = ("question", "scenario")


@dataclass(frozen=True)
class KindCounts:
    """Due now and new to start today, of one kind (flashcards, or questions)."""

    due: int = 0
    new: int = 0


@dataclass(frozen=True)
class TopicRow:
    """One topic's line on the home screen; `due` and `new` are the two kinds' sums."""

    topic_id: str
    title: str
    due: int
    new: int
    seen: int
    total: int
    mastery: float
    cards: KindCounts = KindCounts()
    questions: KindCounts = KindCounts()


@dataclass(frozen=True)
class TodayOverview:
    """Every topic's row, and the day's figures over all topics."""

    topics: tuple[TopicRow, ...]
    due: int
    new: int
    total: int
    mastery: float
    cards: KindCounts = KindCounts()
    questions: KindCounts = KindCounts()


def _new_left(context: StudyContext, kinds: tuple[ItemKind, ...]) -> int:
    """How many more new items of `kinds` (one daily limit) today allows."""
    now = context.clock.now()
    day_start = to_utc_text(study_day_start(now, context.clock.local_tz))
    introduced = context.store.reviews.introduced_since(day_start, kinds)
    return new_allowed_today(new_limit(context.store.settings.current(), kinds[0]), introduced)


def _row(p: TopicProgress, cards_in_topic: int, new_left: tuple[int, int]) -> TopicRow:
    """A topic's row: its flashcards and its questions counted apart, each kind's new ones
    no more than its limit leaves."""
    cards_unseen = max(0, cards_in_topic - p.seen_cards)
    questions_unseen = max(0, p.total - p.seen - cards_unseen)
    cards = KindCounts(p.due_now_cards, min(cards_unseen, new_left[0]))
    questions = KindCounts(p.due_now - p.due_now_cards, min(questions_unseen, new_left[1]))
    return TopicRow(
        topic_id=p.topic_id,
        title=p.title,
        due=p.due_now,
        new=cards.new + questions.new,
        seen=p.seen,
        total=p.total,
        mastery=p.mastery,
        cards=cards,
        questions=questions,
    )


def _sum(counts: list[KindCounts], new_left: int) -> KindCounts:
    """Over topics: every due item, and new ones no more than the day's limit leaves."""
    return KindCounts(sum(c.due for c in counts), min(sum(c.new for c in counts), new_left))


def today_overview(context: StudyContext) -> TodayOverview:
    """Due now, new items still allowed today, items seen, all items and mastery, per topic
    and over all topics (where each kind's daily limit caps the sum of its new items over
    the topics, not each topic's).

    From `topic_progress`, counted in SQL per topic in one pass: Home, the menu and
    `studyapp due` (run by shell prompts) call this often, and a year of history must not
    slow them down.
    """
    clock, deck = context.clock, context.deck
    progress = topic_progress(deck, context.store, clock.now(), clock.local_tz)
    new_left = (_new_left(context, CARD_KINDS), _new_left(context, QUESTION_KINDS))
    cards_in = Counter(deck.topic_of[item_id] for item_id in deck.item_ids_of(CARD_KINDS))
    rows = tuple(_row(p, cards_in[p.topic_id], new_left) for p in progress)
    total = sum(row.total for row in rows)
    mastered = sum(row.mastery * row.total for row in rows)
    all_cards = _sum([row.cards for row in rows], new_left[0])
    all_questions = _sum([row.questions for row in rows], new_left[1])
    return TodayOverview(
        topics=rows,
        due=sum(row.due for row in rows),
        new=all_cards.new + all_questions.new,
        total=total,
        mastery=mastered / total if total else 0.0,
        cards=all_cards,
        questions=all_questions,
    )
