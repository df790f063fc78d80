"""Starting a session: full screen on a terminal, line mode otherwise."""

from __future__ import annotations

import gc
import os
import sys
from typing import TYPE_CHECKING

from studyapp.cli.options import ClosedStream, Options, StudyAppFailure, run_with

if TYPE_CHECKING:
    from studyapp.study import Selection, StudyContext
    from studyapp.study.session import SessionMode
    from studyapp.tui import StartAt
    from studyapp.tui.app import StartName, StudyApp


def on_terminal(plain: bool) -> bool:
    """Full screen unless asked for line mode, either end is not a terminal or the terminal
    cannot draw one (TERM unset or `dumb`)."""
    if plain or sys.stdin is None or sys.stdout is None:
        return False
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return False
    return sys.platform == "win32" or os.environ.get("TERM", "") not in ("", "dumb")


def require_input() -> None:
    """Sessions read answers: refuse to start one on a closed stdin (`<&-`)."""
    if sys.stdin is None:
        raise ClosedStream("standard input is closed")


def run_tui(
    options: Options,
    screen: StartName,
    topics: tuple[str, ...],
    count: int | None = None,
    minutes: int | None = None,
    *,
    guide_id: str | None = None,
    include_newer: bool | None = None,
    selection: Selection = "due",
) -> None:
    """Run the Textual app on `screen`; its failure, if any, ends in one line."""
    # Textual paints changes at its next frame tick, 60 a second by default; at 240 a key's
    # repaint waits a quarter as long (measured by bench/bench_tui.py: rating key to next
    # card painted), and frames are still drawn only when something changed. Set only here,
    # where the TUI starts, and before Textual is imported (it reads this once); a user's
    # own TEXTUAL_FPS wins.
    os.environ.setdefault("TEXTUAL_FPS", "240")
    # No garbage collection while start-up builds what lives as long as the app (Textual's
    # modules, the deck): none of it is garbage, and the passes over it took about 10 ms of
    # start-up (bench/bench_tui.py). StudyApp.run freezes it all and turns collection on.
    gc.disable()
    try:
        from studyapp.tui import StartAt

        start = StartAt(screen, topics, count, minutes, guide_id, include_newer, selection)
        app = _checked_app(options, start)
    except BaseException:
        gc.enable()
        raise
    app.run()
    if app.failure is not None:
        raise StudyAppFailure(app.failure)
    if app.return_code:  # a bug: Textual has printed its traceback
        sys.exit(app.return_code)


def _checked_app(options: Options, start: StartAt) -> StudyApp:
    """The app starting at `start`, its topics and exam checked first (one line and no
    screen when wrong)."""
    from studyapp.clock import clock_from_env
    from studyapp.content.watching import SETTLE_MS
    from studyapp.paths import cache_dir
    from studyapp.tui import make_app

    paths, db = options.content_paths(), options.resolved_db_path()
    # A saved content file reloads the deck (`tui.deck_reload`).
    app = make_app(paths, db, clock_from_env(), start, cache_dir(), watch_settle_ms=SETTLE_MS)
    try:
        app.context.check_topics(start.topic_ids)
        if start.screen == "exam":  # an unknown guide, or a guide with topics
            app.context.exam_spec(
                start.topic_ids, start.count, start.minutes, guide_id=start.guide_id
            )
    except BaseException:
        app.context.close()
        raise
    return app


def start_home(options: Options, plain: bool = False) -> None:
    """No command: the home screen on a terminal, the line-mode menu otherwise."""
    require_input()
    if on_terminal(plain):
        run_tui(options, "home", ())
        return
    from studyapp.lines.menu import run_menu

    run_with(options, lambda context: run_menu(context, sys.stdin, sys.stdout))


def study(
    options: Options,
    mode: SessionMode,
    topics: tuple[str, ...],
    count: int | None,
    plain: bool,
    selection: Selection = "due",
) -> None:
    """Run a session full screen on a terminal, in line mode otherwise."""
    require_input()
    if on_terminal(plain):
        run_tui(options, mode, topics, count, selection=selection)
        return
    from studyapp.lines.session import LineSession

    def body(context: StudyContext) -> None:
        session = context.start(mode, topics, count, selection=selection)
        LineSession(session, sys.stdin, sys.stdout, context.deck.topic_of).run()

    run_with(options, body)
