"""Hold the deck's scenarios to the engine: a wrong answer key cannot ship."""

from __future__ import annotations

from studyapp.content import Deck, Problem, Scenario
from studyapp.decide.engine import decide, explain
from studyapp.decide.rules import RuleBook


def scenario_problems(deck: Deck, book: RuleBook) -> list[Problem]:
    """One problem per scenario whose answer differs from the engine's, with the trace."""
    problems = []
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
        problems.append(Problem(origin.path, origin.line, 1, message))
    return problems
