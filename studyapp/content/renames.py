"""Ids an item had before (`renamed_from`): which claims hold, and what is wrong with the rest.

A claim holds when its old id is no longer the id of an item or a note, no other entry
claims it, and it is not the item's own id. The deck keeps the claims that hold as
`Deck.renames` (old id -> new id), and the progress database moves their history to the new
id when it is told the deck (`studyapp.store.renames`). With a database at hand,
`history_findings` also holds the claims to its log: a card's reviews cannot become a
question's, and an id with reviews that no item claims has lost its history.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from studyapp.content.deck import Deck, Origin
from studyapp.content.files import Problem
from studyapp.content.models import item_kind
from studyapp.text import plural

if TYPE_CHECKING:  # places reads files with the loader, which makes the claims checked here
    from studyapp.content.places import Locator


@dataclass(frozen=True)
class RenameClaim:
    """One `renamed_from` entry: the old id, the item claiming it, and where each is written."""

    old_id: str
    new_id: str
    #: Where the entry is written.
    origin: Origin
    #: Where the claiming item is written (of two items with one id, only the first counts).
    item_origin: Origin


@dataclass(frozen=True)
class IdHistory:
    """What a progress database holds under one item id: its kind and how many reviews."""

    kind: str
    reviews: int


def held_renames(deck: Deck, claims: Sequence[RenameClaim]) -> tuple[dict[str, str], list[Problem]]:
    """The claims that hold (old id -> new id), and a problem at each entry that does not."""
    counted: dict[tuple[str, str], RenameClaim] = {}
    problems = []
    for claim in claims:
        if deck.origin_of.get(claim.new_id) != claim.item_origin:
            continue  # an item whose id was already used: left out of the deck
        if (claim.old_id, claim.new_id) in counted:
            twice = f"{claim.new_id}: renamed_from lists {claim.old_id!r} twice"
            problems.append(Problem(*_place(claim.origin), twice))
            continue
        counted[claim.old_id, claim.new_id] = claim
    claimants = Counter(old_id for old_id, _new_id in counted)
    renames: dict[str, str] = {}
    for claim in counted.values():
        if claimants[claim.old_id] > 1:
            message: str | None = _claimed_twice(claim, list(counted.values()))
        else:
            message = _refusal(deck, claim)
        if message is None:
            renames[claim.old_id] = claim.new_id
        else:
            problems.append(Problem(*_place(claim.origin), f"{claim.new_id}: {message}"))
    return renames, problems


def _place(origin: Origin) -> tuple[str, int, int]:
    return origin.path, origin.line, origin.column


def _refusal(deck: Deck, claim: RenameClaim) -> str | None:
    """Why a claim no other item shares does not hold, or None when it does."""
    old = claim.old_id
    if old == claim.new_id:
        return "renamed_from names the item's own id"
    if old in deck.origin_of:
        what = item_kind(deck.items[old]) if old in deck.items else "note"
        return (
            f"renamed_from {old!r}, but {old!r} is still the id of the {what} at "
            f"{deck.origin_of[old]}, which keeps its own history: remove it here, or give "
            f"that {what} another id"
        )
    return None


def _claimed_twice(claim: RenameClaim, claims: Sequence[RenameClaim]) -> str:
    """Names another item claiming the same old id."""
    other = next(c for c in claims if c.old_id == claim.old_id and c.new_id != claim.new_id)
    return (
        f"renamed_from {claim.old_id!r} is also claimed by {other.new_id!r} at {other.origin}; "
        "one id's history can follow only one item"
    )


def history_findings(
    deck: Deck, history: Mapping[str, IdHistory], db_name: str, locate: Locator
) -> tuple[list[Problem], list[str]]:
    """Held against a progress database's log (`history`, by item id): a problem at each
    `renamed_from` entry whose old id's reviews are of another kind than the item, and a
    warning (a line without a place) per id with reviews that no item has or claims."""
    problems = []
    for old_id, new_id in deck.renames.items():
        found = history.get(old_id)
        if found is None or new_id not in deck.items:
            continue
        kind = item_kind(deck.items[new_id])
        if found.kind != kind:
            index = deck.items[new_id].renamed_from.index(old_id)
            where = locate(deck, new_id, "renamed_from", index)
            message = (
                f"{new_id}: renamed_from {old_id!r}, a {found.kind} with "
                f"{plural(found.reviews, 'review')} in {db_name}, but this item is a {kind}: a "
                f"{found.kind}'s reviews and schedule do not carry over to a {kind}, so they "
                f"stay under {old_id!r}; remove it here"
            )
            problems.append(Problem(*where, message))
    warnings = [
        f"{item_id!r} has {plural(found.reviews, 'review')} in {db_name} but no item in the "
        f"deck; if an item took its place, add `renamed_from: [{item_id}]` to it"
        for item_id, found in sorted(history.items())
        if item_id not in deck.items and item_id not in deck.renames
    ]
    return problems, warnings


__all__ = ["IdHistory", "RenameClaim", "held_renames", "history_findings"]
