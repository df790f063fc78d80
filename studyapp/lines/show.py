"""`studyapp content show ID`: one item or note as line mode presents it, answer included,
then where it is written."""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from studyapp.content import Card, Deck, Item, Problem, Scenario, item_kind
from studyapp.errors import UsageError
from studyapp.lines.items import (
    answer_lines,
    card_back_lines,
    card_front_lines,
    item_heading,
    question_lines,
)
from studyapp.lines.reports import note_lines
from studyapp.study import ShownOptions, choices_of


def show_lines(
    deck: Deck, entry_id: str, width: int, problems: Sequence[Problem] = ()
) -> list[str]:
    """The item (options in their written order, then the answer with every why and the
    source) or the note, a blank line and its `path:line`. An id the deck left out for one
    of `problems` (a scenario the decision rules contradict) is an error naming it."""
    origin = deck.origin_of.get(entry_id)
    renamed_to = deck.renames.get(entry_id)
    if origin is None and renamed_to is not None:  # an old id: the item that took it over
        heading = f"{entry_id} is {renamed_to} now (its renamed_from lists {entry_id}):"
        return [heading, *show_lines(deck, renamed_to, width, problems)]
    if origin is None:
        left_out = next(
            (p for p in problems if p.message.startswith(f"scenario {entry_id!r}")), None
        )
        if left_out is not None:
            raise UsageError(f"{entry_id} is left out of the deck: {left_out}")
        raise unknown_id_error(entry_id, deck)
    topic_id = deck.topic_of[entry_id]
    if entry_id in deck.notes:
        heading = item_heading(topic_id, "note", entry_id)
        lines = [heading, *note_lines(deck.notes[entry_id], width)[:-1]]
    else:
        lines = _item_lines(topic_id, deck.items[entry_id], width)
    return [*lines, "", f"{origin.path}:{origin.line}"]


def _item_lines(topic_id: str, item: Item, width: int) -> list[str]:
    """As a session shows it: the card's front, then its back; or the question with its
    options, then the answer as a right pick would be told it."""
    if isinstance(item, Card):
        heading = item_heading(topic_id, "card", item.id)
        return [heading, *card_front_lines(item, width), "", *card_back_lines(item, width)]
    shown = ShownOptions(tuple(choices_of(item)))  # as written: no shuffle
    trace = _rules_trace(item) if isinstance(item, Scenario) else []
    return [
        item_heading(topic_id, item_kind(item), item.id),
        *question_lines(item, shown, width),
        "",
        f"The answer is {shown.right_letters}.",
        *answer_lines(item, shown, width, trace=trace),
    ]


def _rules_trace(item: Scenario) -> list[str]:
    """How the decision rules reach the scenario's answer, as a session explains a right pick."""
    from studyapp.decide import decide, explain_pick, load_rules

    return explain_pick(decide(item.facts, load_rules()), item.answer)


def unknown_id_error(entry_id: str, deck: Deck) -> UsageError:
    """No item or note has this id: the error names the closest ids."""
    close = difflib.get_close_matches(entry_id, list(deck.origin_of), n=3, cutoff=0.6)
    if not close:
        return UsageError(f"no item or note has the id {entry_id!r}")
    named = ", ".join(close[:-1]) + " or " + close[-1] if len(close) > 1 else close[0]
    return UsageError(f"no item or note has the id {entry_id!r}; did you mean {named}?")
