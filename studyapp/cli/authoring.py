"""`studyapp content init`, `content new` and `content show`: start a deck of your own, add
an item to it, and see an item as a learner will."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

import click

from studyapp.cli.complete import complete_item_ids, complete_topics
from studyapp.cli.options import Options, common_options, echo, pass_options

if TYPE_CHECKING:
    from studyapp.content.skeletons import Kind

#: What `content new` makes (studyapp.content.skeletons.KINDS, kept here so `--help` loads
#: no content module).
KINDS = ("card", "question", "scenario", "note")


@click.command("init")
@click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=Path))
@common_options
@pass_options
def content_init(options: Options, folder: Path | None) -> None:
    """Write a starter deck into FOLDER: starter.yaml, with a note, a card, a question and a
    scenario each commented to teach its fields, and the schema beside it for your editor.
    FOLDER defaults to your deck folder (`studyapp where`), which studyapp loads after the
    built-in deck without --content. An existing starter.yaml is never replaced."""
    from studyapp.content.starter import schema_text, write_starter
    from studyapp.lines.authoring import init_lines
    from studyapp.paths import user_decks_dir

    target = (folder or user_decks_dir()).expanduser()
    written = write_starter(target, schema_text())
    for line in init_lines(target, written, options.is_loaded(target)):
        echo(line)


@click.command("new")
@click.argument("kind", type=click.Choice(KINDS))
@click.option(
    "--topic",
    "-t",
    required=True,
    metavar="TOPIC",
    shell_complete=complete_topics,
    help="The topic it belongs to (one of the deck's, or a new one with --title).",
)
@click.option(
    "--file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The content file to add it to [default: the topic's file in your folders, else "
    "TOPIC.yaml in your deck folder].",
)
@click.option(
    "--text",
    metavar="WORDS",
    help="What it asks (a card's front, a question's prompt, a scenario's situation, a "
    "note's title); its id is made from the first words.",
)
@click.option("--title", help="The title of a new topic, one the deck does not have yet.")
@common_options
@pass_options
def content_new(
    options: Options,
    kind: str,
    topic: str,
    file: Path | None,
    text: str | None,
    title: str | None,
) -> None:
    """Add a commented skeleton of a new card, question, scenario or note, with a fresh id,
    to the end of its list in the topic's file, keeping the rest of the file as written;
    print its `path:line`. It loads as written; `content check` warns until its
    placeholder text is replaced."""
    from studyapp.content.loader import load_deck
    from studyapp.content.new_item import NewItemRequest, add_new_item
    from studyapp.lines.authoring import new_item_lines
    from studyapp.paths import builtin_content_dir, user_decks_dir

    named = file.expanduser() if file is not None else None
    paths = options.content_paths([named] if named is not None and named.is_file() else [])
    # Every valid item, scenarios the rules contradict included (their ids are taken too);
    # not through the deck cache, which keeps the checked deck sessions load, and the file
    # is about to change anyway.
    deck, _problems = load_deck(paths)
    user_paths = [path for path in paths if path != builtin_content_dir()]
    request = NewItemRequest(cast("Kind", kind), topic, named, text, title)
    made = add_new_item(request, deck, user_paths, user_decks_dir())
    echo(f"{made.path}:{made.line}")
    for line in new_item_lines(kind, made, options.is_loaded(made.path)):
        echo(line, err=True)


@click.command("show")
@click.argument("item_id", metavar="ID", shell_complete=complete_item_ids)
@common_options
@pass_options
def content_show(options: Options, item_id: str) -> None:
    """Show one card, question, scenario or note as line mode presents it (options in their
    written order, then the answer, every option's why and the source), then the
    `path:line` it is written at."""
    from studyapp.content.cache import load_deck_cached
    from studyapp.decide.check import load_checked_deck
    from studyapp.lines.show import show_lines
    from studyapp.lines.writer import terminal_width
    from studyapp.paths import cache_dir

    paths = options.content_paths()
    deck, problems = load_deck_cached(paths, cache_dir(), load_checked_deck)
    for line in show_lines(deck, item_id, terminal_width(), problems):
        echo(line)
