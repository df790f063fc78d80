"""Confusions: which wrong option was picked for which right one, from the review log."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Collection
from typing import NamedTuple

from studyapp.content import SERVICE_NAMES, Deck, Question, Scenario
from studyapp.store import Store


class Confusion(NamedTuple):
    """One item where `chosen` was picked `times` times while `right` was the answer.

    A tuple: a long history holds thousands of them, and they are built on every report."""

    item_id: str
    topic_id: str
    chosen: str
    right: str
    times: int

    def describe(self) -> str:
        """The confusion as a sentence: "chose Amazon SQS 3 times where ... was right"."""
        how_often = "once" if self.times == 1 else f"{self.times} times"
        return f"chose {self.chosen} {how_often} where {self.right} was right"


def _right_answers(item: Question | Scenario) -> list[str]:
    """The right option texts (a scenario's service id), as the log records picks."""
    if isinstance(item, Scenario):
        return [item.answer]
    return [choice.text for choice in item.choices if choice.correct]


def _display(item: Question | Scenario, option: str) -> str:
    """How an option is shown: a scenario's service id becomes the service's name."""
    return SERVICE_NAMES.get(option, option) if isinstance(item, Scenario) else option


def _picks(answer: str) -> list[str]:
    """The options of one logged answer (a JSON list); none if it cannot be read."""
    try:
        return [str(option) for option in json.loads(answer)]
    except (ValueError, TypeError):
        return []


def _pairs(item: Question | Scenario, right: list[str], chosen: list[str]) -> list[tuple[str, str]]:
    """Each (wrong pick, missed right option) pair of one logged answer."""
    if len(chosen) == 1 and len(right) == 1:  # most answers: one pick, one right option
        return (
            [] if chosen[0] == right[0] else [(_display(item, chosen[0]), _display(item, right[0]))]
        )
    wrong_picks = [option for option in chosen if option not in right]
    missed = [option for option in right if option not in chosen]
    return [(_display(item, w), _display(item, r)) for w in wrong_picks for r in missed]


def confusions(
    deck: Deck, store: Store, item_ids: Collection[str] | None = None
) -> list[Confusion]:
    """Every confusion of the deck's questions and scenarios (only `item_ids` if given), most
    frequent first."""
    counts: Counter[tuple[str, str, str]] = Counter()
    # Each item's right options, worked out once: a long history has many wrong answers per item.
    right_of: dict[str, list[str]] = {}
    # Logged answers repeat across items (a scenario's '["sqs"]'), so each is parsed once.
    picks_of: dict[str, list[str]] = {}
    for item_id, answer, times in store.rollups.wrong_answer_tallies():
        if item_ids is not None and item_id not in item_ids:
            continue
        item = deck.items.get(item_id)
        if not isinstance(item, Question | Scenario):
            continue
        right = right_of.get(item_id)
        if right is None:
            right = right_of[item_id] = _right_answers(item)
        chosen = picks_of.get(answer)
        if chosen is None:
            chosen = picks_of[answer] = _picks(answer)
        for chosen_option, right_option in _pairs(item, right, chosen):
            counts[item_id, chosen_option, right_option] += times
    ranked = sorted(counts.items(), key=lambda entry: (-entry[1], entry[0]))
    topic_of = deck.topic_of
    return [
        Confusion(item_id, topic_of[item_id], chosen, right, count)
        for (item_id, chosen, right), count in ranked
    ]
