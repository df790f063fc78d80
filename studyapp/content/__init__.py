"""Authored content: models, the YAML loader with located errors, and the JSON Schema."""

from studyapp.content.deck import Deck, Origin
from studyapp.content.loader import Problem, load_deck, load_deck_or_raise, parse_text
from studyapp.content.models import (
    SERVICE_NAMES,
    Card,
    Choice,
    ContentFile,
    Facts,
    Item,
    ItemKind,
    Note,
    Question,
    Scenario,
    Topic,
    content_hash,
    item_kind,
)
from studyapp.content.schema import content_schema

__all__ = [
    "SERVICE_NAMES",
    "Card",
    "Choice",
    "ContentFile",
    "Deck",
    "Facts",
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
