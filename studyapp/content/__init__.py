"""Authored content: models, the YAML loader with located errors, and the JSON Schema.

The runtime classes load without pydantic or YAML; the loader and the schema (which need
them) are imported on first use, so a start-up served from the deck cache stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from studyapp.content.deck import Deck, Origin
from studyapp.content.files import Problem
from studyapp.content.models import (
    NEWER_THAN_EXAM,
    SCENARIO_QUESTION,
    SERVICE_NAMES,
    Card,
    Choice,
    Facts,
    GlossaryEntry,
    Item,
    ItemKind,
    Note,
    Question,
    Scenario,
    Topic,
    content_hash,
    item_kind,
)
from studyapp.lazy import lazy_attributes

if TYPE_CHECKING:
    from studyapp.content.loader import load_deck, load_deck_or_raise, parse_text
    from studyapp.content.schema import content_schema

_LAZY = {
    "load_deck": "studyapp.content.loader",
    "load_deck_or_raise": "studyapp.content.loader",
    "parse_text": "studyapp.content.loader",
    "content_schema": "studyapp.content.schema",
}


__getattr__ = lazy_attributes(__name__, _LAZY)


__all__ = [
    "NEWER_THAN_EXAM",
    "SCENARIO_QUESTION",
    "SERVICE_NAMES",
    "Card",
    "Choice",
    "Deck",
    "Facts",
    "GlossaryEntry",
    "Item",
    "ItemKind",
    "Note",
    "Origin",
    "Problem",
    "Question",
    "Scenario",
    "Topic",
    "content_hash",
    "content_schema",
    "item_kind",
    "load_deck",
    "load_deck_or_raise",
    "parse_text",
]
