"""Exams drawn by an exam guide: each domain's share of the questions by its weight, and the
unscored questions the real exam mixes in, chosen across the domains and kept with the exam.

An item counts for the domain of its first `exam:` tag in the guide. A guide exam of the
guide's length (DVA-C02: 65 questions in 130 minutes) has the guide's unscored share (15);
a shorter one keeps that share, rounded down, and the guide's pace for its time.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from studyapp.content import NEWER_THAN_EXAM, Deck
from studyapp.content.guides import Domain, ExamFormat, ExamGuide, find_guide
from studyapp.errors import UsageError
from studyapp.scoring import EXAM_KINDS, weighted_quotas

#: What `--guide` and the `exam_guide` setting take for the topic exam.
NO_GUIDE = "none"


@dataclass(frozen=True)
class GuideDraw:
    """The questions of a guide exam in the order shown, and which of them are unscored."""

    item_ids: tuple[str, ...]
    unscored_ids: tuple[str, ...]


def shipped_guides(cache_dir: Path | None = None) -> dict[str, ExamGuide]:
    """The shipped exam guides by id (a broken guide file is left out; `content check` says
    why), from `cache_dir` while their files are unchanged."""
    from studyapp.content.cache import load_guides_cached

    return dict(load_guides_cached(cache_dir).by_id)


def known_guide(guide_id: str, guides: Mapping[str, ExamGuide] | None = None) -> ExamGuide | None:
    """The guide `guide_id` names, any case (None for `none`: a topic exam); a UsageError
    naming the known guides for any other."""
    wanted = guide_id.strip().lower()
    if wanted == NO_GUIDE:
        return None
    return find_guide(guide_id, shipped_guides() if guides is None else guides, [NO_GUIDE])


def unscored_count(exam_format: ExamFormat, question_count: int) -> int:
    """How many of `question_count` questions are unscored: the guide's share, rounded down."""
    return question_count * exam_format.unscored_questions // exam_format.questions


def guide_minutes(exam_format: ExamFormat, question_count: int) -> int:
    """The time for `question_count` questions at the guide's pace, rounded up."""
    return max(1, -(-exam_format.minutes * question_count // exam_format.questions))


def domain_quotas(guide: ExamGuide, question_count: int, rng: random.Random) -> dict[int, int]:
    """How many questions each domain gets: its weight's share, largest remainder."""
    return weighted_quotas({d.number: d.weight for d in guide.domains}, question_count, rng)


def newer_item_ids(deck: Deck) -> frozenset[str]:
    """The questions and scenarios tagged `newer-than-exam`, which mock exams leave out
    unless asked."""
    return frozenset(
        item.id for item in deck.items_of(EXAM_KINDS, None) if NEWER_THAN_EXAM in item.tags
    )


def domain_pools(
    deck: Deck, guide: ExamGuide, left_out: Collection[str] = ()
) -> dict[int, list[str]]:
    """The questions and scenarios tagged for each domain of `guide`, in deck order."""
    pools: dict[int, list[str]] = {domain.number: [] for domain in guide.domains}
    for item in deck.items_of(EXAM_KINDS, None):
        domain = guide.domain_of(item.exam)
        if domain is not None and item.id not in left_out:
            pools[domain.number].append(item.id)
    return pools


def draw_guide_exam(
    deck: Deck,
    guide: ExamGuide,
    question_count: int,
    rng: random.Random,
    left_out: Collection[str] = (),
    newer_ids: Collection[str] = (),
) -> GuideDraw:
    """`question_count` items by domain weight, shuffled, and the unscored ones among them.

    `left_out` (suspended items, and the items tagged `newer-than-exam` unless wanted, which
    are `newer_ids` then) are never drawn; a pool too small for a domain's quota is a
    UsageError naming what is missing per domain.
    """
    pools = domain_pools(deck, guide, left_out)
    quotas = domain_quotas(guide, question_count, rng)
    short = {n: quotas[n] - len(pool) for n, pool in pools.items() if len(pool) < quotas[n]}
    if short:
        newer_would_help = sum(
            1
            for item_id in newer_ids
            if (domain := guide.domain_of(deck.items[item_id].exam)) and domain.number in short
        )
        raise UsageError(too_small_message(guide, question_count, quotas, pools, newer_would_help))
    drawn = {n: rng.sample(pool, quotas[n]) for n, pool in pools.items()}
    unscored_quotas = weighted_quotas(quotas, unscored_count(guide.format, question_count), rng)
    unscored = {
        item_id for n, ids in drawn.items() for item_id in rng.sample(ids, unscored_quotas[n])
    }
    item_ids = [item_id for ids in drawn.values() for item_id in ids]
    rng.shuffle(item_ids)
    return GuideDraw(tuple(item_ids), tuple(i for i in item_ids if i in unscored))


def too_small_message(
    guide: ExamGuide,
    question_count: int,
    quotas: Mapping[int, int],
    pools: Mapping[int, Sequence[str]],
    newer_would_help: int = 0,
) -> str:
    """One line: which domains lack how many questions for this exam, and what would help."""
    missing = [
        f"domain {d.number} {d.name} needs {quotas[d.number]}, has {len(pools[d.number])} "
        f"({quotas[d.number] - len(pools[d.number])} missing)"
        for d in guide.domains
        if len(pools[d.number]) < quotas[d.number]
    ]
    hint = "; ask for fewer with --questions N"
    if newer_would_help:
        hint += (
            f", or add the {newer_would_help} tagged {NEWER_THAN_EXAM} in those domains with "
            "--include-newer"
        )
    return (
        f"not enough questions and scenarios tagged {guide.id} for {question_count} by domain "
        f"weight: {'; '.join(missing)}{hint}"
    )


def domain_numbers(guide: ExamGuide) -> dict[int, Domain]:
    """The guide's domains by number."""
    return {domain.number: domain for domain in guide.domains}


__all__ = [
    "NO_GUIDE",
    "GuideDraw",
    "domain_numbers",
    "domain_pools",
    "domain_quotas",
    "draw_guide_exam",
    "guide_minutes",
    "known_guide",
    "newer_item_ids",
    "shipped_guides",
    "too_small_message",
    "unscored_count",
]
