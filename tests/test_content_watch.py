"""The watch loop with the real watcher (issue 15, "Watching"): `content check --watch` in a
process, edited and interrupted as a user would; the watcher over a folder that appears and a
file an editor replaces; and a TUI session that follows a saved card without restarting.

A watcher is armed a moment after it starts, and again after it starts over (a path given
appeared or was replaced), so each test saves again until the change is seen, within a bound:
nothing here waits a fixed time for a result.
"""

from __future__ import annotations

import os
import queue
import random
import signal
import subprocess
import threading
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import IO

from textual.pilot import Pilot
from textual.widgets import MarkdownViewer, ProgressBar

from studyapp.clock import FixedClock
from studyapp.content.watching import content_changes
from studyapp.tui import StartAt, StudyApp, make_app
from studyapp.tui.screens.notes import NotesScreen
from studyapp.tui.screens.quiz import QuizScreen
from studyapp.tui.screens.review import ReviewScreen
from studyapp.tui.widgets import NotesTree
from tests.conftest import SMALL_DECK, START
from tests.test_processes import TIMEOUT, cli_env, studyapp_cmd
from tests.test_tui import card_text, text_of

#: The longest any one change may take to be seen, saves repeated, on a loaded machine.
SEEN_WITHIN = 30.0
#: How long to wait for a change before saving it again.
SAVE_AGAIN_AFTER = 2.0

BROKEN = SMALL_DECK.replace("back: Back two, ", "")
#: Two lines to add above every item.
ABOVE = "# two comment lines\n# added above\n"


def _pump(stream: IO[str], lines: queue.Queue[str]) -> None:
    for line in stream:
        lines.put(line.rstrip("\n"))


def _interruptible() -> None:
    """A test run started in the background ignores SIGINT, and children inherit that."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def lines_after_save(lines: queue.Queue[str], save: Callable[[], object]) -> list[str]:
    """Save once, then the lines printed up to the stamped one that ends what a save prints
    (the watch says it is watching only once it is sure to see a save)."""
    save()
    got = [lines.get(timeout=SEEN_WITHIN)]
    while not _stamped(got[-1]):
        got.append(lines.get(timeout=SEEN_WITHIN))
    return got


def test_content_check_watch_prints_what_each_save_changed(tmp_path: Path) -> None:
    deck = tmp_path / "deck"
    deck.mkdir()
    file = deck / "demo.yaml"
    file.write_text(SMALL_DECK, encoding="utf-8")
    child = subprocess.Popen(
        studyapp_cmd("content", "check", "--watch", deck),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env(),
        preexec_fn=_interruptible,
    )
    assert child.stdout is not None and child.stderr is not None
    out: queue.Queue[str] = queue.Queue()
    errors: queue.Queue[str] = queue.Queue()
    threading.Thread(target=_pump, args=(child.stdout, out), daemon=True).start()
    pumping_errors = threading.Thread(target=_pump, args=(child.stderr, errors), daemon=True)
    pumping_errors.start()
    try:
        first = [out.get(timeout=TIMEOUT), out.get(timeout=TIMEOUT)]
        assert first[0].startswith("OK: ") and first[1].startswith("Watching ")
        assert str(deck) in first[1] and first[1].endswith("Ctrl-C stops.")

        broke = lines_after_save(out, partial(_replace, file, BROKEN))
        assert broke[0] == f"new: {file}:10:5: missing required key 'back'"
        assert broke[1].endswith(" demo.yaml: 1 problem") and len(broke) == 2

        # Lines added above move the problem two lines down: the same problem, not a new one.
        moved = lines_after_save(out, partial(_replace, file, ABOVE + BROKEN))
        assert len(moved) == 1 and moved[0].endswith(" demo.yaml: no change, still 1 problem")

        fixed = lines_after_save(out, partial(_replace, file, ABOVE + SMALL_DECK))
        assert fixed[0] == f"fixed: {file}:12:5: missing required key 'back'"
        assert " demo.yaml: all clear (" in fixed[1] and len(fixed) == 2
    finally:
        child.send_signal(signal.SIGINT)
        child.wait(timeout=TIMEOUT)
        pumping_errors.join(timeout=TIMEOUT)
    err = "\n".join(errors.queue)
    assert "Traceback" not in err, err
    assert child.returncode == 130, (child.returncode, err)


def test_content_check_watch_checks_the_deck_folder_from_the_save_that_makes_it(
    tmp_path: Path, user_decks: Path
) -> None:
    """Started before the deck folder exists (a `content init` to come in another
    terminal), the watch checks the folder once it appears."""
    child = subprocess.Popen(
        studyapp_cmd("content", "check", "--watch"),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=cli_env(),
        preexec_fn=_interruptible,
    )
    assert child.stdout is not None
    out: queue.Queue[str] = queue.Queue()
    threading.Thread(target=_pump, args=(child.stdout, out), daemon=True).start()
    file = user_decks / "demo.yaml"

    def make_the_folder() -> None:
        user_decks.mkdir(exist_ok=True)
        _replace(file, BROKEN)

    try:
        first = [out.get(timeout=TIMEOUT), out.get(timeout=TIMEOUT)]
        assert first[0].startswith("OK: ") and f"your deck folder {user_decks}" in first[1]
        made = lines_after_save(out, make_the_folder)
        assert f"new: {file}:10:5: missing required key 'back'" in made
    finally:
        child.send_signal(signal.SIGINT)
        child.wait(timeout=TIMEOUT)
    assert child.returncode == 130


def _stamped(line: str) -> bool:
    """The line that ends what one save printed: it starts with the time."""
    return line[:2].isdigit() and line[2:3] == ":"


# The watcher ----------------------------------------------------------------------------


def _watch_in_thread(
    paths: list[Path], stop: threading.Event
) -> tuple[queue.Queue[frozenset[Path]], threading.Thread]:
    found: queue.Queue[frozenset[Path]] = queue.Queue()

    def run() -> None:
        for batch in content_changes(paths, stop, settle_ms=50):
            found.put(batch)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return found, thread


def seen_after(
    found: queue.Queue[frozenset[Path]], change: Callable[[], object], wanted: Path
) -> frozenset[Path]:
    """Make `change` until a batch names `wanted` (bounded), and return that batch."""
    deadline = time.monotonic() + SEEN_WITHIN
    while time.monotonic() < deadline:
        change()
        try:
            while True:
                batch = found.get(timeout=SAVE_AGAIN_AFTER)
                if wanted in batch:
                    return batch
        except queue.Empty:
            continue
    raise AssertionError(f"{wanted} not seen in {SEEN_WITHIN}s")


def _replace(path: Path, text: str) -> None:
    """Save as many editors do: a new file renamed over the old one."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def test_the_watcher_follows_folders_that_appear_and_files_replaced(tmp_path: Path) -> None:
    folder, later, single = tmp_path / "deck", tmp_path / "later", tmp_path / "single.yaml"
    folder.mkdir()
    (folder / "a.yaml").write_text("a: 1\n", encoding="utf-8")
    single.write_text("s: 1\n", encoding="utf-8")
    stop = threading.Event()
    found, thread = _watch_in_thread([folder, later, single], stop)
    try:
        saved = folder / "a.yaml"
        assert seen_after(found, lambda: saved.write_text("a: 2\n", encoding="utf-8"), saved)
        seen_after(found, lambda: later.mkdir(exist_ok=True), later)
        new_file = later / "b.yml"
        seen_after(found, lambda: new_file.write_text("b: 1\n", encoding="utf-8"), new_file)
        seen_after(found, lambda: _replace(single, "s: 2\n"), single)
        # The file given by name is a new file now: writing to it is seen too.
        seen_after(found, lambda: single.write_text("s: 3\n", encoding="utf-8"), single)
        lock = folder / ".#a.yaml"
        lock.symlink_to("nobody@host.1234")
        ignored = folder / "notes.txt"
        ignored.write_text("not content", encoding="utf-8")
        assert seen_after(found, lambda: saved.write_text("a: 3\n", encoding="utf-8"), saved) == {
            saved
        }
    finally:
        stop.set()
        thread.join(timeout=TIMEOUT)
    assert not thread.is_alive()


# The TUI ------------------------------------------------------------------------------------


def watching_app(deck_dir: Path, db: Path, start: StartAt) -> StudyApp:
    return make_app(
        [deck_dir], db, FixedClock(START), start, rng=random.Random(1), watch_settle_ms=50
    )


async def until_shown(
    pilot: Pilot[None], save: Callable[[], object], shown: Callable[[], bool]
) -> None:
    """Save until `shown()` holds (bounded), saving again while it does not: the app's
    watcher is set up a moment after its first frame."""
    deadline = time.monotonic() + SEEN_WITHIN
    next_save = 0.0
    while time.monotonic() < deadline:
        if time.monotonic() >= next_save:
            save()
            next_save = time.monotonic() + SAVE_AGAIN_AFTER
        await pilot.pause(0.05)
        if shown():
            return
    raise AssertionError(f"not shown within {SEEN_WITHIN}s")


def toasts(app: StudyApp) -> list[tuple[str, str]]:
    return [(n.title, str(n.message)) for n in app._notifications]


async def test_a_saved_card_shows_in_the_review_without_losing_the_session(
    small_deck_dir: Path, tmp_path: Path
) -> None:
    file = small_deck_dir / "demo.yaml"
    app = watching_app(small_deck_dir, tmp_path / "p.db", StartAt("review"))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        session = screen.session
        await pilot.press("space", "3")  # the first card answered: Good
        assert "Front two" in card_text(app) and len(session.history) == 1
        progress = screen.query_one(ProgressBar).progress
        edited = SMALL_DECK.replace("front: Front two", "front: Front two saved")
        save = partial(_replace, file, edited)
        await until_shown(pilot, save, lambda: "Front two saved" in card_text(app))
        assert app.screen is screen and len(session.history) == 1
        assert screen.query_one(ProgressBar).progress == progress
        assert ("Deck reloaded", "1 item changed.") in toasts(app)
        # A card left out of the file is skipped, not a crash: the next one shows.
        without = "\n".join(line for line in edited.splitlines() if "id: c2," not in line)
        save = partial(_replace, file, without)
        await until_shown(pilot, save, lambda: "Front three" in card_text(app))
        assert app.screen is screen and len(session.history) == 1
        assert ("Deck reloaded", "1 item removed.") in toasts(app)


async def test_a_broken_save_keeps_the_quiz_deck_and_its_fix_shows(
    small_deck_dir: Path, tmp_path: Path
) -> None:
    file = small_deck_dir / "demo.yaml"
    app = watching_app(small_deck_dir, tmp_path / "p.db", StartAt("quiz"))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        screen = app.screen
        assert isinstance(screen, QuizScreen) and screen.item is not None
        item_id = screen.item.id

        def showing() -> str | None:
            return screen.item.id if isinstance(screen, QuizScreen) and screen.item else None

        broken = SMALL_DECK + "  - {id: s2, situation: no answer here}\n"
        save = partial(_replace, file, broken)
        await until_shown(
            pilot, save, lambda: any(t == "Deck not reloaded" for t, _ in toasts(app))
        )
        refused = next(m for t, m in toasts(app) if t == "Deck not reloaded")
        assert refused.startswith(f"{file}:35: missing required key 'answer' (and 4 more")
        assert "s2" not in app.context.deck.items and app.context.problems == []
        assert app.screen is screen and showing() == item_id

        saved = SMALL_DECK
        for text in ("Pick the right one.", "Pick two.", "A long batch job in a container."):
            saved = saved.replace(text, text.replace(".", ", as saved."))
        save = partial(_replace, file, saved)
        await until_shown(pilot, save, lambda: "as saved" in text_of(app, "#prompt"))
        assert app.screen is screen and showing() == item_id
        # The problems of the save refused are fixed too.
        assert ("Deck reloaded", "3 items changed, 5 problems fixed.") in toasts(app)


async def test_a_saved_note_shows_in_the_notes_reader(small_deck_dir: Path, tmp_path: Path) -> None:
    file = small_deck_dir / "demo.yaml"
    app = watching_app(small_deck_dir, tmp_path / "p.db", StartAt("notes", ("demo",)))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        screen = app.screen
        assert isinstance(screen, NotesScreen) and screen.showing == "demo-note"
        viewer = screen.query_one(MarkdownViewer)
        saved = SMALL_DECK.replace("title: A note", "title: A renamed note").replace(
            "body: Some text.", "body: Some saved text."
        )
        save = partial(_replace, file, saved)
        await until_shown(pilot, save, lambda: "Some saved text." in viewer.document.source)
        leaves = [str(node.label) for node in screen.query_one(NotesTree).root.children[0].children]
        assert leaves == ["A renamed note"] and app.screen is screen
        assert ("Deck reloaded", "1 note changed.") in toasts(app)
