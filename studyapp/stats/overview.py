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


@dataclass(frozen=True)
class _KindFacts:
    """One kind's facts: per topic its items, seen and due; new items the day still allows."""

    items: Counter[str]
    seen_and_due: dict[str, tuple[int, int]]
    new_left: int

    def counts(self, topic_id: str) -> KindCounts:
        seen, due = self.seen_and_due.get(topic_id, (0, 0))
        return KindCounts(due, min(max(0, self.items[topic_id] - seen), self.new_left))


def _kind_facts(context: StudyContext, kinds: tuple[ItemKind, ...]) -> _KindFacts:
    now = context.clock.now()
    day_start = to_utc_text(study_day_start(now, context.clock.local_tz))
    store, deck = context.store, context.deck
    introduced = store.reviews.introduced_since(day_start, kinds)
    left = new_allowed_today(new_limit(store.settings.current(), kinds[0]), introduced)
    items = Counter(deck.topic_of[item_id] for item_id in deck.item_ids_of(kinds))
    return _KindFacts(items, store.rollups.kind_counts(kinds, to_utc_text(now)), left)


def _sum(counts: list[KindCounts], new_left: int) -> KindCounts:
    """Over topics: every due item, and new ones no more than the day's limit leaves."""
    return KindCounts(sum(c.due for c in counts), min(sum(c.new for c in counts), new_left))


def _row(p: TopicProgress, cards: KindCounts, questions: KindCounts) -> TopicRow:
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


def today_overview(context: StudyContext) -> TodayOverview:
    """Due now, new items still allowed today, items seen, all items and mastery, per topic
    and over all topics (where each kind's daily limit caps the sum of its new items over
    the topics, not each topic's).

    From `topic_progress` and per-kind counts, in SQL per topic: Home, the menu and
    `studyapp due` (run by shell prompts) call this often, and a year of history must not
    slow them down.
    """
    clock = context.clock
    progress = topic_progress(context.deck, context.store, clock.now(), clock.local_tz)
    cards, questions = _kind_facts(context, CARD_KINDS), _kind_facts(context, QUESTION_KINDS)
    rows = tuple(_row(p, cards.counts(p.topic_id), questions.counts(p.topic_id)) for p in progress)
    total = sum(row.total for row in rows)
    mastered = sum(row.mastery * row.total for row in rows)
    all_cards = _sum([row.cards for row in rows], cards.new_left)
    all_questions = _sum([row.questions for row in rows], questions.new_left)
    return TodayOverview(
        topics=rows,
        due=sum(row.due for row in rows),
        new=all_cards.new + all_questions.new,
        total=total,
        mastery=mastered / total if total else 0.0,
        cards=all_cards,
        questions=all_questions,
    )
