"""The fields of each exported Anki note, as HTML made from the authored text.

A card is a Basic-style note (front, back, source, item id); a question or a scenario is a
multiple-choice note: the prompt, the options as lettered lines, the right answer, every
option's why (a scenario's from the decision rules, as the quiz explains it), the source and
the item id.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from studyapp.content import (
    NEWER_THAN_EXAM,
    SCENARIO_QUESTION,
    SERVICE_NAMES,
    Card,
    Item,
    Question,
    Scenario,
)
from studyapp.interop.anki_html import link_html, markdown_html, plain_html
from studyapp.study.options import OPTION_LETTERS, ChoiceView, ShownOptions, presentation_seed

if TYPE_CHECKING:
    from studyapp.decide import Decision

CARD_FIELDS = ("Front", "Back", "Source", "Item ID")
CHOICE_FIELDS = ("Prompt", "Options", "Answer", "Why", "Source", "Item ID")


def card_fields(card: Card) -> list[str]:
    """Front, Back, Source, Item ID."""
    back = markdown_html(card.back) + _newer_than_exam(card)
    return [markdown_html(card.front), back, link_html(card.source), plain_html(card.id)]


def shown_options(item: Question | Scenario) -> ShownOptions:
    """The options in the order the export shows them: shuffled as every presentation is (the
    authored order gives the answer away), the same on every export of the same options."""
    return ShownOptions.of(item, presentation_seed("anki", item.id))


def choice_fields(item: Question | Scenario, decision: Decision | None = None) -> list[str]:
    """Prompt, Options, Answer, Why, Source, Item ID; a scenario's options are explained by
    the rules' `decision` on its facts."""
    options = list(zip(OPTION_LETTERS, shown_options(item).choices, strict=False))
    whys = _scenario_whys(item, decision) if isinstance(item, Scenario) else None
    texts = [_option_text(item, option) for _, option in options]
    lines = [
        f'<div class="option">{letter}) {text}</div>'
        for (letter, _), text in zip(options, texts, strict=True)
    ]
    right = [line for line, (_, option) in zip(lines, options, strict=True) if option.correct]
    explained = "".join(
        _why_line(letter, option, text, whys[option.index] if whys else option.why)
        for (letter, option), text in zip(options, texts, strict=True)
    )
    why = explained + _newer_than_exam(item)
    if isinstance(item, Scenario) and decision is not None:
        why += _rule_steps(decision)
    return [
        _prompt(item),
        "".join(lines),
        "".join(right),
        why,
        link_html(item.source),
        plain_html(item.id),
    ]


def note_tags(item: Item, topic_id: str) -> list[str]:
    """The item's tags, its topic as `topic::<id>`, and its exam task statements as
    `exam::<guide>::<task>` (Anki's hierarchical tags), none with a space."""
    exam_tags = [f"exam::{task.replace(':', '::', 1)}" for task in item.exam]
    return [*item.tags, f"topic::{topic_id}", *exam_tags]


def _prompt(item: Question | Scenario) -> str:
    if isinstance(item, Scenario):
        asked = f'<div class="ask"><b>{plain_html(SCENARIO_QUESTION)}</b></div>'
        return markdown_html(item.situation) + asked
    # Exam-style prompts say it themselves ("(Choose TWO.)"); others are told here.
    if item.choose == 1 or "choose" in item.prompt.lower():
        return markdown_html(item.prompt)
    return markdown_html(item.prompt) + f'<div class="ask">Choose {item.choose}.</div>'


def _option_text(item: Question | Scenario, option: ChoiceView) -> str:
    # A scenario's options are service names from the app, not Markdown an author wrote.
    return plain_html(option.text) if isinstance(item, Scenario) else markdown_html(option.text)


def _why_line(letter: str, option: ChoiceView, text: str, why: str | None) -> str:
    mark, kind = ("✓", "right") if option.correct else ("✗", "wrong")
    because = f": {markdown_html(why)}" if why else ""
    return f'<div class="why {kind}">{letter}) {mark} {text}{because}</div>'


def _scenario_whys(item: Scenario, decision: Decision | None) -> list[str | None]:
    """Per authored option: the explanation for the answer, and for every other option why
    the rules do not pick it (the quiz's "Why not …" lines)."""
    from studyapp.decide import explain_pick

    whys: list[str | None] = []
    for service in item.options:
        if service == item.answer or decision is None:
            whys.append(item.explanation if service == item.answer else None)
            continue
        lead = f"Why not {SERVICE_NAMES.get(service, service)}: "
        lines = explain_pick(decision, service)
        whys.append(" ".join(line.removeprefix(lead) for line in lines if line.startswith(lead)))
    return whys


def _rule_steps(decision: Decision) -> str:
    """How the rules decide, step by step, as the quiz shows it after an answer."""
    steps = "".join(
        f"<li>{plain_html(f'{step.rule}: {step.effect}')}</li>" for step in decision.trace
    )
    return (
        f'<div class="rules">How the rules decide:</div><ol class="rules">{steps}</ol>'
        if steps
        else ""
    )


def _newer_than_exam(item: Item) -> str:
    """What the exam may still expect, for an item newer than the exam guides."""
    if NEWER_THAN_EXAM not in item.tags or not item.exam_expects:
        return ""
    lead = "Newer than the exam guide: the exam may still expect the older answer."
    return f'<div class="exam">{plain_html(lead)} {markdown_html(item.exam_expects)}</div>'
