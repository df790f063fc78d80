"""Which items to study now: due ones first, then today's new ones, then (if asked) early ones.

Suspended items (leeches) never enter a queue. A question or scenario given the same wrong
answer at least `CONFUSION_REPEATS` times, and not answered right since, is a repeated
confusion: it goes first among the due items, and a quiz (`fill_early`) serves it even
before it falls due, straight after the due items.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import datetime

from studyapp.content import Deck, ItemKind
from studyapp.memory import ItemState
from studyapp.srs.scheduler import StudyScheduler

#: How many times the same wrong answer makes a question a repeated confusion.
CONFUSION_REPEATS = 2


@dataclass(frozen=True)
class StudyQueue:
    """Item ids in the order they will be shown, grouped by why each is there."""

    due_item_ids: tuple[str, ...]
    new_item_ids: tuple[str, ...]
    early_item_ids: tuple[str, ...] = ()
    #: Repeated confusions not yet due, served early in quizzes right after the due items.
    confused_item_ids: tuple[str, ...] = ()

    @property
    def item_ids(self) -> tuple[str, ...]:
        return self.due_item_ids + self.confused_item_ids + self.new_item_ids + self.early_item_ids

    def __len__(self) -> int:
        return len(self.item_ids)


@dataclass(frozen=True)
class QueueFacts:
    """What the review log says that a queue is built from, read once by the caller."""

    #: Items kept out of every queue (leeches).
    suspended_item_ids: frozenset[str]
    #: Items given the same wrong answer `CONFUSION_REPEATS` times, not right since.
    confused_item_ids: frozenset[str]
    #: Items due now, most overdue for their stability first.
    due_item_ids_by_urgency: tuple[str, ...]
    #: New items introduced since the study day began.
    introduced_today: int
    #: Every item with at least one review.
    seen_item_ids: frozenset[str]
    #: The states of the candidate items; needed only to fill a quiz early.
    states: Mapping[str, ItemState]


def interleave_topics(item_ids: Sequence[str], topic_of: Mapping[str, str]) -> list[str]:
    """Take new items from each topic in turn, keeping each topic's authored order.

    A week of study then touches every topic of the exam, instead of finishing the first
    topic file before the second begins.
    """
    by_topic: dict[str, list[str]] = {}
    for item_id in item_ids:
        by_topic.setdefault(topic_of[item_id], []).append(item_id)
    queues = list(by_topic.values())
    mixed: list[str] = []
    for rank in range(max((len(q) for q in queues), default=0)):
        mixed.extend(q[rank] for q in queues if rank < len(q))
    return mixed


def build_queue(
    deck: Deck,
    facts: QueueFacts,
    scheduler: StudyScheduler,
    *,
    now: datetime,
    kinds: Iterable[ItemKind],
    topic_ids: Iterable[str] | None = None,
    new_per_day: int = 20,
    limit: int | None = None,
    fill_early: bool = False,
) -> StudyQueue:
    """Today's queue for the given kinds and topics.

    `fill_early` (for quizzes someone asked for) tops the queue up to `limit` with the
    least-retrievable items when nothing else is left, so it never answers "nothing to do".
    A pure function of its arguments: `facts` is what the caller read from the store.
    """
    suspended = facts.suspended_item_ids
    candidate_ids = [i for i in deck.item_ids_of(kinds, topic_ids) if i not in suspended]
    candidates = set(candidate_ids)
    confused = facts.confused_item_ids & candidates
    due_in_order = _due_in_order(facts, candidates, confused)
    due_ids = tuple(due_in_order)[:limit]
    confused_ids: tuple[str, ...] = ()
    if fill_early:
        early_confused = sorted(confused.difference(due_in_order))
        confused_ids = tuple(early_confused)[: _room(limit, len(due_ids))]
    room = _room(limit, len(due_ids) + len(confused_ids))
    new_ids = _new_ids(deck, facts, candidate_ids, new_per_day, room)
    early_ids: tuple[str, ...] = ()
    queued = len(due_ids) + len(confused_ids) + len(new_ids)
    if fill_early and limit is not None and queued < limit:
        taken = set(due_ids) | set(confused_ids) | set(new_ids)
        rest = [item_id for item_id in candidate_ids if item_id not in taken]
        early_ids = _least_retrievable(rest, facts.states, scheduler, now)[: limit - queued]
    return StudyQueue(due_ids, new_ids, early_ids, confused_ids)


def new_allowed_today(new_per_day: int, introduced_today: int) -> int:
    """How many more new items today's limit allows."""
    return max(0, new_per_day - introduced_today)


def _due_in_order(
    facts: QueueFacts, candidates: AbstractSet[str], confused: AbstractSet[str]
) -> list[str]:
    """The due candidates, most overdue for its stability first (ordered in SQL); repeated
    confusions before all."""
    due_in_order = [i for i in facts.due_item_ids_by_urgency if i in candidates]
    due_in_order.sort(key=lambda item_id: item_id not in confused)  # stable: keeps the order
    return due_in_order


def _new_ids(
    deck: Deck,
    facts: QueueFacts,
    candidate_ids: Sequence[str],
    new_per_day: int,
    room: int | None,
) -> tuple[str, ...]:
    """Unseen candidates, topics interleaved, as many as today's limit and `room` allow."""
    new_allowed = new_allowed_today(new_per_day, facts.introduced_today)
    if room is not None:
        new_allowed = min(new_allowed, room)
    if not new_allowed:
        return ()
    seen = facts.seen_item_ids
    unseen = [item_id for item_id in candidate_ids if item_id not in seen]
    return tuple(interleave_topics(unseen, deck.topic_of))[:new_allowed]


def _least_retrievable(
    item_ids: Sequence[str],
    states: Mapping[str, ItemState],
    scheduler: StudyScheduler,
    now: datetime,
) -> tuple[str, ...]:
    """`item_ids`, the least retrievable now first (an unseen one first of all)."""
    return tuple(
        sorted(item_ids, key=lambda item_id: scheduler.retrievability(states.get(item_id), now))
    )


def _room(limit: int | None, taken: int) -> int | None:
    """How many more items fit under `limit` (None: no limit)."""
    return None if limit is None else max(0, limit - taken)
