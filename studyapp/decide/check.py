"""Hold the deck's scenarios to the engine: a wrong answer key cannot ship, nor be served.

`content check` and every session load content through `load_checked_deck`, so both see the
same problems and a contradicting scenario is left out of sessions, never marked by its key.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from studyapp.content import Deck, Problem, Scenario

if TYPE_CHECKING:  # the engine needs pydantic: imported when a check runs, not at start-up
    from studyapp.decide.rules import RuleBook


def scenario_problems(deck: Deck, book: RuleBook) -> list[Problem]:
    """One problem per scenario whose answer differs from the engine's, with the trace."""
    return [problem for _item_id, problem in _contradictions(deck, book)]


def _contradictions(deck: Deck, book: RuleBook) -> list[tuple[str, Problem]]:
    from studyapp.decide.engine import decide, explain

    found = []
    for item_id, item in deck.items.items():
        if not isinstance(item, Scenario):
            continue
        decision = decide(item.facts, book)
        if decision.answer == item.answer:
            continue
        origin = deck.origin_of[item_id]
        trace = " | ".join(explain(decision)[1:])
        message = (
            f"scenario {item_id!r} answers {item.answer!r} but its facts decide "
            f"{decision.answer!r}: {trace}"
        )
        found.append((item_id, Problem(origin.path, origin.line, origin.column, message)))
    return found


def without_items(deck: Deck, item_ids: Collection[str]) -> Deck:
    """A copy of `deck` with these items left out."""
    if not item_ids:
        return deck
    return replace(
        deck,
        items={i: item for i, item in deck.items.items() if i not in item_ids},
        topic_of={i: t for i, t in deck.topic_of.items() if i not in item_ids},
        origin_of={i: o for i, o in deck.origin_of.items() if i not in item_ids},
    )


def check_deck(deck: Deck, rules_file: Path | None = None) -> tuple[Deck, list[Problem]]:
    """The deck without scenarios the rules contradict, and the problems (rules' own included)."""
    from studyapp.decide.rules import parse_rules, rules_path

    book, problems = parse_rules(rules_file or rules_path())
    if book is None:
        return deck, problems
    contradictions = _contradictions(deck, book)
    problems += [problem for _item_id, problem in contradictions]
    return without_items(deck, {item_id for item_id, _problem in contradictions}), problems


def load_checked_deck(paths: Sequence[Path]) -> tuple[Deck, list[Problem]]:
    """Load and validate content, then hold its scenarios to the rules: what sessions serve
    and what `content check` reports, from one place."""
    from studyapp.content.loader import load_deck

    deck, problems = load_deck(paths)
    checked, more = check_deck(deck)
    return checked, problems + more
