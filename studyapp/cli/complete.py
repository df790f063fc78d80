"""What the shell completes (click's `_STUDYAPP_COMPLETE` protocol): topic ids, item ids,
setting names and word-setting values, exam-guide ids.

Click calls these only while a shell asks for completions, so every import is inside a
function: `studyapp --help` and the commands themselves load none of it. Topic ids come from
the validated-deck cache the app keeps, so a completion after any start is one unpickling.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import click
from click.shell_completion import CompletionItem

if TYPE_CHECKING:
    from studyapp.content import Deck


def complete_topics(
    ctx: click.Context, _param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """The deck's topic ids (titles shown where the shell shows help: zsh, fish)."""
    from studyapp.text import printable

    deck = _deck(ctx)
    if deck is None:
        return []
    return [
        CompletionItem(topic_id, help=printable(topic.title, newlines=False))
        for topic_id, topic in deck.topics.items()
        if topic_id.startswith(incomplete)
    ]


def complete_item_ids(
    ctx: click.Context, _param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """The ids of the deck's items and notes."""
    deck = _deck(ctx)
    if deck is None:
        return []
    return _matching(deck.origin_of, incomplete)


def complete_setting_names(
    _ctx: click.Context, _param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Every setting `studyapp settings KEY VALUE` takes."""
    from studyapp.store.records import SETTING_NAMES

    return _matching(SETTING_NAMES, incomplete)


def complete_setting_values(
    ctx: click.Context, _param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """The values a word setting takes (a number setting has none to offer)."""
    key = ctx.params.get("key")
    if key == "exam_guide":
        return complete_guides(ctx, _param, incomplete)
    if key == "exam_include_newer":
        return _matching(("yes", "no"), incomplete)
    if key == "theme":
        from studyapp.themes import THEME_NAMES

        return _matching(THEME_NAMES, incomplete)
    return []


def complete_guides(
    _ctx: click.Context, _param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """The shipped exam guides' ids, and `none` (a topic exam)."""
    from studyapp.study.exam_guide import NO_GUIDE, shipped_guides

    try:
        guide_ids = [*shipped_guides(), NO_GUIDE]
    except Exception:  # a completion never breaks the command line being typed
        return []
    return _matching(guide_ids, incomplete)


def _matching(values: Iterable[str], incomplete: str) -> list[CompletionItem]:
    return [CompletionItem(value) for value in values if value.startswith(incomplete)]


def _deck(ctx: click.Context) -> Deck | None:
    """The deck the command being typed would load (the built-in one, STUDYAPP_CONTENT or
    the top-level `--content`, the command's own `--content`), from the deck cache."""
    from studyapp.cli.options import Options
    from studyapp.content.cache import load_deck_cached
    from studyapp.decide.check import load_checked_deck
    from studyapp.paths import cache_dir, content_dirs

    # Completion parses without running the top-level command, so its options are read
    # from the parsed values; a command's own `--content` still lands in an Options.
    extra = list(ctx.find_root().params.get("content") or ())
    options = ctx.find_object(Options)
    if options is not None:
        extra += [path for path in options.extra_content if path not in extra]
    try:
        deck, _problems = load_deck_cached(content_dirs(extra), cache_dir(), load_checked_deck)
    except Exception:  # a completion never breaks the command line being typed
        return None
    return deck
