"""How a mock exam is drawn and scored: shared by `study` (which runs exams) and `stats`
(which predicts their scores), neither importing the other for it."""

from __future__ import annotations

import random
from collections.abc import Collection, Mapping, Sequence
from typing import TypeVar

from studyapp.content import Deck, ItemKind

K = TypeVar("K")

DEFAULT_QUESTION_COUNT = 30
DEFAULT_MINUTES = 60
SCALE_MIN = 100
SCALE_MAX = 1000
PASSING_SCORE = 720
#: The score is our own linear stand-in for AWS's scaling, which AWS does not publish.
SCALE_LABEL = "simulated scale"
EXAM_KINDS: tuple[ItemKind, ...] = ("question", "scenario")


def scaled_score(correct: int, total: int) -> int:
    """The simulated 100-1000 score: 100 + 900 * correct / total, rounded half up.

    Monotone in `correct`: 100 with none right, 1000 with all right.
    """
    if total <= 0 or not 0 <= correct <= total:
        raise ValueError(f"need 0 <= correct <= total and total > 0, got {correct}/{total}")
    span = SCALE_MAX - SCALE_MIN
    return SCALE_MIN + (2 * span * correct + total) // (2 * total)


def topic_quotas(pool_sizes: Mapping[str, int], count: int, rng: random.Random) -> dict[str, int]:
    """How many of `count` questions each topic gets: its share of the pool, largest remainder.

    Ties between equal remainders are broken with `rng`, so no topic is always favoured.
    """
    return weighted_quotas(pool_sizes, min(count, sum(pool_sizes.values())), rng)


def weighted_quotas(weights: Mapping[K, int], count: int, rng: random.Random) -> dict[K, int]:
    """`count` shared in proportion to `weights` by largest remainder: each key gets the whole
    part of `count * weight / total`, and the rest go one each to the largest remainders.

    Ties between equal remainders are broken with `rng`, so no key is always favoured.
    """
    total = sum(weights.values())
    if count <= 0 or total <= 0:
        return dict.fromkeys(weights, 0)
    quotas = {key: count * weight // total for key, weight in weights.items()}
    order = list(weights)
    rng.shuffle(order)
    order.sort(key=lambda key: count * weights[key] % total, reverse=True)
    for key in order[: count - sum(quotas.values())]:
        quotas[key] += 1
    return quotas


def draw_exam_item_ids(
    deck: Deck,
    topic_ids: Sequence[str] | None,
    count: int,
    rng: random.Random,
    left_out: Collection[str] = (),
) -> list[str]:
    """Item ids for an exam: each topic's quota drawn without repeats, then shuffled together.

    `left_out` (suspended leeches) never appear, so an exam measures what is being studied.
    """
    pools: dict[str, list[str]] = {topic: [] for topic in (topic_ids or deck.topics)}
    for item in deck.items_of(EXAM_KINDS, topic_ids):
        if item.id not in left_out:
            pools[deck.topic_of[item.id]].append(item.id)
    quotas = topic_quotas({topic: len(pool) for topic, pool in pools.items()}, count, rng)
    drawn = [
        item_id for topic, pool in pools.items() for item_id in rng.sample(pool, quotas[topic])
    ]
    rng.shuffle(drawn)
    return drawn


__all__ = [
    "DEFAULT_MINUTES",
    "DEFAULT_QUESTION_COUNT",
    "EXAM_KINDS",
    "PASSING_SCORE",
    "SCALE_LABEL",
    "SCALE_MAX",
    "SCALE_MIN",
    "draw_exam_item_ids",
    "scaled_score",
    "topic_quotas",
    "weighted_quotas",
]
