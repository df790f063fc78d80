"""What a saved content file changed: two decks, two problem lists, and how both front ends
say it (issue 15, "Watching")."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from studyapp.content import Deck, Problem, load_deck
from studyapp.content.changes import (
    DeckChange,
    IdChanges,
    deck_changes,
    entry_id_at,
    keyed_problems,
    problem_changes,
)
from studyapp.lines.content_check import ContentReport
from studyapp.lines.content_watch import change_lines, saved_text, standing_text
from studyapp.present.reload import refused_text, reloaded_text
from tests.conftest import SMALL_DECK

WriteYaml = Callable[[str, str], Path]


def deck_of(write_yaml: WriteYaml, text: str) -> tuple[Deck, list[Problem]]:
    path = write_yaml("deck/demo.yaml", text)
    return load_deck([path.parent])


# Two decks ----------------------------------------------------------------------------


def test_an_edited_added_and_removed_item_are_told_apart(write_yaml: WriteYaml) -> None:
    old, _ = deck_of(write_yaml, SMALL_DECK)
    edited = SMALL_DECK.replace("front: Front one", "front: Front ONE").replace(
        '  - {id: c3, front: Front three, back: Back three, source: "https://docs.aws.amazon.com/c"}\n',
        '  - {id: c4, front: Four, back: Back four, source: "https://docs.aws.amazon.com/d"}\n',
    )
    new, problems = deck_of(write_yaml, edited)
    assert problems == []
    change = deck_changes(old, new)
    assert change.items == IdChanges(
        added=frozenset({"c4"}), removed=frozenset({"c3"}), changed=frozenset({"c1"})
    )
    assert change.notes == IdChanges() and not change.topics_changed
    assert change.items.touched == {"c1", "c3", "c4"}


def test_an_item_renamed_with_renamed_from_is_renamed_not_removed_and_added(
    write_yaml: WriteYaml,
) -> None:
    old, _ = deck_of(write_yaml, SMALL_DECK)
    text = SMALL_DECK.replace("{id: c2, front", "{id: c2-new, renamed_from: [c2], front")
    new, problems = deck_of(write_yaml, text.replace("{id: c3, front", "{id: c4, front"))
    assert problems == []
    change = deck_changes(old, new).items
    assert change == IdChanges(
        added=frozenset({"c4"}), removed=frozenset({"c3"}), renamed={"c2": "c2-new"}
    )
    assert change.touched == {"c2", "c2-new", "c3", "c4"}
    assert reloaded_text(deck_changes(old, new), 0) == "1 item added, 1 removed, 1 renamed."


def test_lines_added_above_an_item_do_not_change_it(write_yaml: WriteYaml) -> None:
    old, _ = deck_of(write_yaml, SMALL_DECK)
    new, _ = deck_of(write_yaml, SMALL_DECK.replace("cards:", "# a comment\n# two\ncards:"))
    assert new.origin_of["c1"] != old.origin_of["c1"]
    assert not deck_changes(old, new)


def test_a_note_and_a_topic_title_are_changes_too(write_yaml: WriteYaml) -> None:
    old, _ = deck_of(write_yaml, SMALL_DECK)
    text = SMALL_DECK.replace("body: Some text.", "body: Other text.")
    new, _ = deck_of(write_yaml, text.replace("title: Demo topic", "title: Demo"))
    change = deck_changes(old, new)
    assert change.notes.changed == {"demo-note"} and change.topics_changed
    assert not change.items


# Two problem lists ----------------------------------------------------------------------


def test_the_entry_of_a_line_is_the_nearest_id_above_it() -> None:
    lines = [
        "topic: {id: demo, title: Demo}",
        "cards:",
        "  - id: first",
        "    front: x",
        "  - {id: 'flow-card', front: y}",
        "    # a comment",
    ]
    assert entry_id_at(lines, 1) == "demo"
    assert entry_id_at(lines, 4) == "first"
    assert entry_id_at(lines, 5) == entry_id_at(lines, 6) == "flow-card"
    assert entry_id_at(lines, 0) is None and entry_id_at(["cards:"], 1) is None


def test_a_problem_moved_down_by_new_lines_is_the_same_problem(write_yaml: WriteYaml) -> None:
    broken = SMALL_DECK.replace("back: Back two, ", "")
    path = write_yaml("deck/demo.yaml", broken)
    _deck, problems = load_deck([path.parent])
    before = keyed_problems(problems)
    path.write_text(broken.replace("cards:", "# one\n# two\ncards:"), encoding="utf-8")
    _deck, moved = load_deck([path.parent])
    assert [p.line for p in moved] == [p.line + 2 for p in problems]
    assert not problem_changes(before, keyed_problems(moved))


def test_of_two_alike_problems_the_one_fixed_is_told(write_yaml: WriteYaml) -> None:
    """Two cards miss their back; the first is fixed with new lines, which moves the second: the
    first is fixed and the second, further down now, is not new."""
    broken = SMALL_DECK.replace("back: Back one, ", "").replace("back: Back three, ", "")
    path = write_yaml("deck/demo.yaml", broken)
    _deck, problems = load_deck([path.parent])
    before = keyed_problems(problems)
    assert len(before) == 2
    fixed_text = broken.replace(
        "  - {id: c1, front: Front one,",
        "  - id: c1\n    front: Front one\n    back: Back one\n    source: https://docs.aws.amazon.com/a\n  - {id: c0, front: Zero, back: Zero,",
    )
    path.write_text(fixed_text, encoding="utf-8")
    _deck, after = load_deck([path.parent])
    changes = problem_changes(before, keyed_problems(after))
    assert [p.message for p in changes.fixed] == ["missing required key 'back'"]
    assert changes.fixed[0].line == problems[0].line
    assert changes.new == ()


def test_new_problems_and_fixed_ones_are_told_apart(tmp_path: Path) -> None:
    gone = Problem("a.yaml", 3, 1, "unknown key 'frnt'")
    stays = Problem("a.yaml", 9, 5, "missing required key 'back'")
    came = Problem("b.yaml", 1, 1, "YAML syntax: oops")
    changes = problem_changes(keyed_problems([gone, stays]), keyed_problems([stays, came]))
    assert changes.fixed == (gone,) and changes.new == (came,)


# What the front ends say ----------------------------------------------------------------


def test_the_reload_toast_counts_what_changed() -> None:
    change = DeckChange(
        items=IdChanges(changed=frozenset({"a", "b"}), added=frozenset({"c"})),
        notes=IdChanges(removed=frozenset({"n"})),
    )
    assert reloaded_text(change, 0) == "2 items changed, 1 added, 1 note removed."
    assert reloaded_text(DeckChange(), 1) == "1 problem fixed."
    assert reloaded_text(DeckChange(), 0) == "No item changed."


def test_the_refusal_names_the_first_problem_and_the_count() -> None:
    problems = (Problem("d/x.yaml", 12, 3, "missing required key 'back'"),) * 3
    text = refused_text(problems)
    assert text.startswith("d/x.yaml:12: missing required key 'back' (and 2 more problems).")
    assert "deck as it was" in text


def test_the_watch_prints_fixed_and_new_then_one_stamped_line(small_deck: Deck) -> None:
    fixed = Problem("d/x.yaml", 4, 5, "missing required key 'back'")
    new = Problem("d/x.yaml", 9, 1, "YAML syntax: oops")
    report = ContentReport(small_deck, [new], [])
    changes = problem_changes(keyed_problems([fixed]), keyed_problems([new]))
    lines = change_lines(changes, report, frozenset({Path("d/x.yaml")}), "10:04:05")
    assert lines == [
        "fixed: d/x.yaml:4:5: missing required key 'back'",
        "new: d/x.yaml:9:1: YAML syntax: oops",
        "10:04:05 x.yaml: 1 problem",
    ]


def test_the_standing_says_still_or_all_clear(small_deck: Deck) -> None:
    warning = Problem("d/x.yaml", 2, 1, "warning: a flaw")
    unchanged = problem_changes([], [])
    assert standing_text(unchanged, ContentReport(small_deck, [warning], [])) == (
        "no change, still 1 problem"
    )
    assert standing_text(unchanged, ContentReport(small_deck, [], [warning])) == (
        "no change, no problems, 1 warning"
    )
    clear = standing_text(unchanged, ContentReport(small_deck, [], []))
    assert clear == "no change, all clear (1 topic, 1 note, 6 items)"
    assert saved_text(frozenset({Path("a.yaml"), Path("b.yaml")})) == "2 files"
