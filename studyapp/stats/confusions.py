"""Confusions: which wrong option was picked for which right one, from the review log."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass

from studyapp.content import SERVICE_NAMES, Deck, Question, Scenario
from studyapp.store import Store, WrongAnswerTally


@dataclass(frozen=True)
class Confusion:
    """One item where `chosen` was picked `count` times while `right` was the answer."""

    item_id: str
    topic_id: str
    chosen: str
    right: str
    count: int

    def describe(self) -> str:
        """The confusion as a sentence: "chose Amazon SQS 3 times where ... was right"."""
        times = "once" if self.count == 1 else f"{self.count} times"
        return f"chose {self.chosen} {times} where {self.right} was right"


def _right_answers(item: Question | Scenario) -> list[str]:
    """The right option texts (a scenario's service id), as the log records picks."""
    if isinstance(item, Scenario):
        return [item.answer]
    return [choice.text for choice in item.choices if choice.correct]


def _display(item: Question | Scenario, option: str) -> str:
    """How an option is shown: a scenario's service id becomes the service's name."""
    return SERVICE_NAMES.get(option, option) if isinstance(item, Scenario) else option


def _pairs(item: Question | Scenario, answer: str) -> list[tuple[str, str]]:
    """Each (wrong pick, missed right option) pair of one logged answer."""
    try:
        chosen = [str(option) for option in json.loads(answer)]
    except (ValueError, TypeError):
        return []
    right = _right_answers(item)
    wrong_picks = [option for option in chosen if option not in right]
    missed = [option for option in right if option not in chosen]
    return [(_display(item, w), _display(item, r)) for w in wrong_picks for r in missed]


def confusions(
    deck: Deck, store: Store, item_ids: Collection[str] | None = None
) -> list[Confusion]:
    """Every confusion of the deck's questions and scenarios (only `item_ids` if given), most
    frequent first."""
    counts: Counter[tuple[str, str, str]] = Counter()
    tally: WrongAnswerTally
    for tally in store.wrong_answer_tallies():
        item = deck.items.get(tally.item_id)
        if not isinstance(item, Question | Scenario):
            continue
        if item_ids is not None and tally.item_id not in item_ids:
            continue
        for chosen, right in _pairs(item, tally.answer):
            counts[tally.item_id, chosen, right] += tally.count
    ranked = sorted(counts.items(), key=lambda entry: (-entry[1], entry[0]))
    return [
        Confusion(item_id, deck.topic_of[item_id], chosen, right, count)
        for (item_id, chosen, right), count in ranked
    ]
