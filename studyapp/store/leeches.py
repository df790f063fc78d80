"""Leeches: items forgotten so often that studying them more is wasted time, as Anki counts them."""

from __future__ import annotations

from studyapp.memory import ItemState

#: An item is suspended at its 8th lapse (Again while in Review state), Anki's default.
LEECH_LAPSES = 8
#: After being unsuspended, a leech is suspended again every 4 lapses more (8, 12, 16 ...).
LEECH_REPEAT_LAPSES = LEECH_LAPSES // 2
LEECH_REASON = "leech"


def is_leech_lapse(prior: ItemState | None, state: ItemState) -> bool:
    """Whether this review's lapse makes the item a leech (8th lapse, then every 4 more)."""
    lapsed = prior is not None and state.lapses > prior.lapses
    over = state.lapses - LEECH_LAPSES
    return lapsed and over >= 0 and over % LEECH_REPEAT_LAPSES == 0


def last_leech_mark(lapses: int) -> int:
    """The highest leech mark (8, 12, 16 ...) at or below `lapses` (given at least LEECH_LAPSES)."""
    return lapses - (lapses - LEECH_LAPSES) % LEECH_REPEAT_LAPSES
