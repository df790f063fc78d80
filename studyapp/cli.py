"""The `studyapp` command. Only click is imported up front, so `--help` stays fast."""

from __future__ import annotations

import os
import sqlite3  # here, not in invoke: a Ctrl-C during that import escaped the handler
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from collections.abc import Callable

    from click.decorators import FC

    from studyapp.study import StudyContext

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}
#: Row ids are SQLite integers: signed 64-bit.
ROW_ID = click.IntRange(1, 2**63 - 1)
#: Seeds of `random.Random`, kept to what a 64-bit integer holds.
SEED = click.IntRange(-(2**63), 2**63 - 1)


def echo(message: str = "", err: bool = False) -> None:
    """`click.echo`, with control codes in the text (from content, a file name, the database or
    an error) shown as pictures instead of reaching the terminal."""
    from studyapp.text import printable

    click.echo(printable(message), err=err)


class Options:
    """What the top-level options resolved to, handed to every subcommand."""

    def __init__(self, db: Path | None = None, content: tuple[Path, ...] = ()) -> None:
        self.db_path = db
        self.extra_content = content

    def resolved_db_path(self) -> Path:
        from studyapp.paths import default_db_path

        return self.db_path if self.db_path is not None else default_db_path()

    def content_paths(self) -> list[Path]:
        from studyapp.paths import content_dirs

        return content_dirs(self.extra_content)

    def open_context(self, read_only: bool = False) -> StudyContext:
        """Load the deck and open the database; report content problems once, on stderr."""
        from studyapp.clock import clock_from_env
        from studyapp.paths import cache_dir
        from studyapp.study import StudyContext

        context = StudyContext.open(
            self.content_paths(),
            self.resolved_db_path(),
            clock_from_env(),
            cache_dir(),
            read_only=read_only,
        )
        if context.problems:
            shown = context.problems[:10]
            echo(
                f"studyapp: {len(context.problems)} content problem(s); the rest of the "
                "content loaded (details: studyapp content check):",
                err=True,
            )
            for problem in shown:
                echo(f"  {problem}", err=True)
            if len(context.problems) > len(shown):
                echo(f"  … and {len(context.problems) - len(shown)} more", err=True)
        return context


pass_options = click.make_pass_decorator(Options)


def _set_db(ctx: click.Context, _param: click.Parameter, value: Path | None) -> None:
    if value is not None:
        ctx.ensure_object(Options).db_path = value


def _add_content(ctx: click.Context, _param: click.Parameter, value: tuple[Path, ...]) -> None:
    if value:
        options = ctx.ensure_object(Options)
        options.extra_content = (*options.extra_content, *value)


def common_options(command: Any) -> Any:
    """Accept --db and --content after the subcommand too (`studyapp quiz --db x.db`)."""
    command = click.option(
        "--content",
        multiple=True,
        type=click.Path(path_type=Path),
        expose_value=False,
        callback=_add_content,
        help="Extra folder or file of your own YAML content; repeatable.",
    )(command)
    return click.option(
        "--db",
        type=click.Path(dir_okay=False, path_type=Path),
        expose_value=False,
        callback=_set_db,
        help="Progress database file.",
    )(command)


class StudyAppFailure(click.ClickException):
    """A StudyAppError on its way out: one line on stderr, exit status 1."""

    def show(self, file: Any = None) -> None:
        echo(f"studyapp: {self.format_message()}", err=True)


class ClosedStream(StudyAppFailure):
    """Standard input or output was closed before studyapp started (`<&-`, `>&-`): exit 2."""

    exit_code = 2


class StudyAppGroup(click.Group):
    """Turns the errors a user can fix into one line instead of a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        from studyapp.errors import StudyAppError, failure_line

        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            raise click.exceptions.Exit(130) from None  # Ctrl-C: quietly, as a shell expects
        except (StudyAppError, sqlite3.Error) as exc:
            where = ctx.obj.resolved_db_path() if isinstance(ctx.obj, Options) else "database"
            raise StudyAppFailure(failure_line(exc, where)) from exc


@click.group(cls=StudyAppGroup, invoke_without_command=True, context_settings=CONTEXT_SETTINGS)
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="STUDYAPP_DB",
    help="Progress database file [env STUDYAPP_DB; default: your user data folder].",
)
@click.option(
    "--content",
    "content",
    multiple=True,
    type=click.Path(path_type=Path),
    envvar="STUDYAPP_CONTENT",
    help="Extra folder or file of your own YAML content; repeatable [env STUDYAPP_CONTENT].",
)
@click.version_option(package_name="studyapp")
@click.pass_context
def cli(ctx: click.Context, db: Path | None, content: tuple[Path, ...]) -> None:
    """Study the AWS serverless and container exam topics with spaced repetition.

    Run with no command for the menu; `studyapp review` and `studyapp quiz` start a
    session straight away.
    """
    ctx.obj = Options(db, content)
    if ctx.invoked_subcommand is None:
        _require_input()
        if _on_terminal(plain=False):
            _run_tui(ctx.obj, "home", ())
            return
        from studyapp.menu import run_menu

        _run_with(ctx.obj, lambda context: run_menu(context, sys.stdin, sys.stdout))


def _on_terminal(plain: bool) -> bool:
    """Full screen unless asked for line mode, either end is not a terminal or the terminal
    cannot draw one (TERM unset or `dumb`)."""
    if plain or sys.stdin is None or sys.stdout is None:
        return False
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return False
    return sys.platform == "win32" or os.environ.get("TERM", "") not in ("", "dumb")


def _require_input() -> None:
    """Sessions read answers: refuse to start one on a closed stdin (`<&-`)."""
    if sys.stdin is None:
        raise ClosedStream("standard input is closed")


def _run_tui(
    options: Options,
    screen: str,
    topics: tuple[str, ...],
    count: int | None = None,
    minutes: int | None = None,
) -> None:
    from studyapp.clock import clock_from_env
    from studyapp.tui import StartAt, make_app

    start = StartAt(screen, topics, count, minutes)  # type: ignore[arg-type]
    from studyapp.paths import cache_dir

    app = make_app(
        options.content_paths(), options.resolved_db_path(), clock_from_env(), start, cache_dir()
    )
    try:
        app.context.check_topics(topics)
    except BaseException:
        app.context.close()
        raise
    app.run()
    if app.failure is not None:
        raise StudyAppFailure(app.failure)
    if app.return_code:  # a bug: Textual has printed its traceback
        sys.exit(app.return_code)


def _run_with(options: Options, body: Any, read_only: bool = False) -> None:
    context = options.open_context(read_only)
    try:
        body(context)
    finally:
        context.close()


def _study(
    options: Options, mode: str, topics: tuple[str, ...], count: int | None, plain: bool
) -> None:
    """Run a session full screen on a terminal, in line mode otherwise."""
    _require_input()
    if _on_terminal(plain):
        _run_tui(options, mode, topics, count)
        return
    from studyapp.plain import LineSession

    def body(context: StudyContext) -> None:
        session = context.start(mode, topics, count)  # type: ignore[arg-type]
        LineSession(session, sys.stdin, sys.stdout, context.deck.topic_of).run()

    _run_with(options, body)


topic_option = click.option(
    "--topic", "-t", "topics", multiple=True, metavar="TOPIC", help="Only this topic; repeatable."
)


def count_option(what: str) -> Callable[[FC], FC]:
    """`--count/-n`, how many items a quiz or drill serves."""
    return click.option(
        "--count",
        "-n",
        type=click.IntRange(1, 500),
        default=10,
        show_default=True,
        help=f"How many {what}.",
    )


plain_option = click.option(
    "--plain",
    is_flag=True,
    help="Line mode on stdin/stdout (chosen anyway when not on a terminal).",
)


@cli.command()
@topic_option
@plain_option
@common_options
@pass_options
def review(options: Options, topics: tuple[str, ...], plain: bool) -> None:
    """Review the flashcards that are due, then today's new ones."""
    _study(options, "review", topics, None, plain)


@cli.command()
@topic_option
@count_option("questions")
@plain_option
@common_options
@pass_options
def quiz(options: Options, topics: tuple[str, ...], count: int, plain: bool) -> None:
    """Answer exam-style questions and scenarios: due ones, new ones, then weakest first."""
    _study(options, "quiz", topics, count, plain)


@cli.command()
@topic_option
@count_option("scenarios")
@plain_option
@common_options
@pass_options
def scenarios(options: Options, topics: tuple[str, ...], count: int, plain: bool) -> None:
    """Drill "which service fits?" scenarios."""
    _study(options, "drill", topics, count, plain)


@cli.command()
@topic_option
@click.option(
    "--questions",
    "-n",
    "question_count",
    type=click.IntRange(1, 500),
    default=30,
    show_default=True,
    help="How many questions and scenarios.",
)
@click.option(
    "--minutes",
    "-m",
    type=click.IntRange(1, 600),
    default=60,
    show_default=True,
    help="The time limit.",
)
@click.option("--seed", type=SEED, help="Seed the draw, to sit the same exam again.")
@click.option("--history", is_flag=True, help="List past exams instead of starting one.")
@plain_option
@common_options
@pass_options
def exam(
    options: Options,
    topics: tuple[str, ...],
    question_count: int,
    minutes: int,
    seed: int | None,
    history: bool,
    plain: bool,
) -> None:
    """Sit a timed mock exam, scored on a simulated 100-1000 scale (720 to pass).

    Questions are drawn across the topics in proportion to their share of the deck. An
    exam left unfinished (q, Ctrl-C, a crash) is offered for resuming next time.
    """
    if history:
        _exam_history(options)
        return
    _require_input()
    if _on_terminal(plain) and seed is None:
        _run_tui(options, "exam", topics, question_count, minutes)
        return
    import random

    from studyapp.plain_exam import run_exam

    rng = random.Random(seed)

    def body(context: StudyContext) -> None:
        run_exam(
            context,
            sys.stdin,
            sys.stdout,
            topic_ids=topics,
            question_count=question_count,
            minutes=minutes,
            rng=rng,
        )

    _run_with(options, body)


def _exam_history(options: Options) -> None:
    from studyapp.clock import clock_from_env
    from studyapp.plain_exam import history_lines
    from studyapp.srs.replay import open_store

    store = open_store(options.resolved_db_path(), read_only=True)
    try:
        lines = history_lines(store, clock_from_env().local_tz)
    finally:
        store.close()
    for line in lines:
        echo(line)


@cli.command()
@click.argument("topic", required=False)
@plain_option
@common_options
@pass_options
def notes(options: Options, topic: str | None, plain: bool) -> None:
    """Read the notes (of one TOPIC): the reader with search, or the text in line mode."""
    topics = (topic,) if topic else ()
    if _on_terminal(plain):
        _run_tui(options, "notes", topics)
        return
    from studyapp.content import load_deck

    deck, _problems = load_deck(options.content_paths())
    from studyapp.study.context import unknown_topic_error

    if topic and topic not in deck.topics:
        raise unknown_topic_error(topic, deck)
    for topic_id in topics or tuple(deck.topics):
        for note in deck.notes_of(topic_id):
            echo(f"# {note.title}\n\n{note.body.strip()}\n")
            echo("Sources: " + ", ".join(note.sources) + "\n")


@cli.group()
def content() -> None:
    """Check, count and describe content files."""


@content.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@common_options
@pass_options
def content_check(options: Options, paths: tuple[Path, ...]) -> None:
    """Validate content files (default: the built-in deck and your own); exit 1 on problems."""
    from studyapp.decide.check import load_checked_deck

    targets = list(paths) or options.content_paths()
    deck, problems = load_checked_deck(targets)
    for problem in problems:
        echo(str(problem))
    if problems:
        echo(f"{len(problems)} problem(s) found.", err=True)
        sys.exit(1)
    echo(
        f"OK: {len(deck.topics)} topic(s), {len(deck.notes)} note(s), {len(deck.items)} item(s).",
        err=True,
    )


@content.command("stats")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@common_options
@pass_options
def content_stats(options: Options, as_json: bool) -> None:
    """Count notes, cards, questions and scenarios per topic."""
    from studyapp.content import load_deck
    from studyapp.report import print_content_stats

    deck, problems = load_deck(options.content_paths())
    if problems:
        echo(
            f"studyapp: {len(problems)} content problem(s) left out "
            "(details: studyapp content check)",
            err=True,
        )
    print_content_stats(deck, as_json)


@content.command("schema")
def content_schema() -> None:
    """Print the JSON Schema of a content file (for editor completion)."""
    import json

    from studyapp.content import content_schema as make_schema

    echo(json.dumps(make_schema(), indent=2))


@cli.command()
@click.argument("key", required=False)
@click.argument("value", required=False)
@common_options
@pass_options
def settings(options: Options, key: str | None, value: str | None) -> None:
    """Show settings, or set one: `studyapp settings new_per_day 30`."""
    from studyapp.srs.replay import open_store
    from studyapp.store.records import SETTING_LIMITS

    path = options.resolved_db_path()
    # Showing reads (a read-only file works); the first `settings` creates a missing file.
    store = open_store(path, read_only=value is None and path.exists())
    try:
        if key is not None and value is None:
            raise click.UsageError(f"give a value for {key!r}")
        current = store.set_setting(key, value) if key and value else store.settings()
        for name in SETTING_LIMITS:
            echo(f"{name} = {getattr(current, name)}")
    finally:
        store.close()


@cli.command()
@click.option("--all", "include_resolved", is_flag=True, help="Include flags marked fixed.")
@click.option("--resolve", "resolve_id", type=ROW_ID, metavar="ID", help="Mark flag ID as fixed.")
@common_options
@pass_options
def flagged(options: Options, include_resolved: bool, resolve_id: int | None) -> None:
    """List the items learners flagged, with the file and line to fix them at."""
    from studyapp.content import load_deck
    from studyapp.srs.replay import open_store

    store = open_store(options.resolved_db_path(), read_only=resolve_id is None)
    try:
        if resolve_id is not None:
            store.resolve_flag(resolve_id)
            echo(f"Flag {resolve_id} marked fixed.")
            return
        flags = store.flags(include_resolved)
    finally:
        store.close()
    if not flags:
        echo("No flagged items.")
        return
    deck, _problems = load_deck(options.content_paths())
    for flag in flags:
        origin = deck.origin_of.get(flag.item_id)
        where = f"{origin.path}:{origin.line}" if origin else "(no longer in the deck)"
        status = " [fixed]" if flag.resolved else ""
        comment = f": {flag.comment}" if flag.comment else ""
        echo(f"#{flag.id} {flag.item_id} at {where}{status}{comment}")


@cli.command()
@click.argument("facts", nargs=-1, metavar="KEY=VALUE...")
@click.option(
    "--json", "as_json", is_flag=True, help="Print the answer, ranking and trace as JSON."
)
def decide(facts: tuple[str, ...], as_json: bool) -> None:
    """Which service fits these facts? Prints the answer and the rules that decided it.

    Facts: need, runtime_minutes, memory_gb, packaging, workload, manage_servers, os_access,
    gpu, kubernetes, on_premises, aws_only, cost_priority. Example:
    `studyapp decide runtime_minutes=40 packaging=container manage_servers=false`
    """
    import json

    from studyapp.decide import decide as run_rules
    from studyapp.decide import explain, load_rules, parse_facts

    decision = run_rules(parse_facts(facts), load_rules())
    if as_json:
        echo(json.dumps(decision.as_json(), indent=2))
        return
    for line in explain(decision):
        echo(line)


@cli.command()
@topic_option
@click.option("--json", "as_json", is_flag=True, help="Print every figure as JSON.")
@common_options
@pass_options
def stats(options: Options, topics: tuple[str, ...], as_json: bool) -> None:
    """Show reviews, retention, mastery, the due forecast, a heatmap, leeches and confusions."""
    from studyapp.stats import build_stats_report

    def body(context: StudyContext) -> None:
        now, local_tz = context.clock.now(), context.clock.local_tz
        topic_ids = context.check_topics(topics)
        report = build_stats_report(context.deck, context.store, now, local_tz, topic_ids)
        from studyapp.report_stats import backtest_or_empty, readiness_as_json, readiness_or_none

        ready = readiness_or_none(context, topic_ids)
        checks = backtest_or_empty(context, topic_ids)
        if as_json:
            import json

            from studyapp.stats import report_as_json

            data = {**report_as_json(report), "readiness": readiness_as_json(ready, checks)}
            echo(json.dumps(data, indent=2))
            return
        from rich.console import Console

        from studyapp.report_stats import print_stats

        print_stats(report, Console(), ready, checks, local_tz)

    _run_with(options, body, read_only=True)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of one line.")
@common_options
@pass_options
def due(options: Options, as_json: bool) -> None:
    """Print one line of what is due now per topic (fast enough for a shell prompt)."""
    from studyapp.study.overview import new_left_today, topic_overview

    def body(context: StudyContext) -> None:
        rows = topic_overview(context)
        unseen = sum(row.total - row.seen for row in rows)
        new = min(new_left_today(context), unseen)
        if as_json:
            import json

            topics = {row.topic_id: {"due": row.due, "new": row.new} for row in rows}
            total = {"due": sum(row.due for row in rows), "new": new}
            echo(json.dumps({"topics": topics, "total": total}))
            return
        parts = [f"{row.topic_id} {row.due}" for row in rows if row.due]
        due_text = ", ".join(parts) if parts else "nothing"
        echo(f"due now: {due_text} · new today: {new}")

    _run_with(options, body, read_only=True)


@cli.command()
@click.option("--unsuspend", "unsuspend_id", metavar="ID", help="Bring item ID back into study.")
@common_options
@pass_options
def leeches(options: Options, unsuspend_id: str | None) -> None:
    """List the items suspended as leeches (forgotten 8 times), or unsuspend one."""
    if unsuspend_id is not None:
        from studyapp.srs.replay import open_store

        store = open_store(options.resolved_db_path())
        try:
            store.unsuspend(unsuspend_id)
        finally:
            store.close()
        echo(f"{unsuspend_id} is back in study.")
        return
    from studyapp.stats import leeches as find_leeches

    def body(context: StudyContext) -> None:
        found = find_leeches(context.deck, context.store)
        if not found:
            echo("No leeches.")
        for leech in found:
            echo(
                f"{leech.item_id} ({leech.topic_id or 'no longer in the deck'}): forgotten "
                f"{leech.lapses} times, suspended {leech.suspended_at:%Y-%m-%d}"
            )

    _run_with(options, body, read_only=True)


@cli.command()
@click.option("--seed", type=SEED, default=0, show_default=True, help="Seed the held-out split.")
@common_options
@pass_options
def optimize(options: Options, seed: int) -> None:
    """Fit FSRS parameters to your own review log; keep them only if they predict better.

    Needs 400 reviews and 50 items reviewed twice or more. A fifth of the items is held
    out; the new parameters are kept when their log loss there beats the current ones.
    They apply to future reviews (the stored states of past ones stay as they are).
    """
    import random

    from studyapp.clock import clock_from_env
    from studyapp.srs import optimize as fitting
    from studyapp.srs.personal import store_parameters
    from studyapp.srs.replay import open_store

    store = open_store(options.resolved_db_path())
    try:
        steps = fitting.review_steps(store.all_reviews(), clock_from_env().local_tz)
        missing = fitting.shortfall(steps)
        if missing is not None:
            echo(missing)
            return
        current = _current_parameters(store)
        result = _with_spinner(
            f"Fitting FSRS to {sum(map(len, steps.values()))} reviews of {len(steps)} items",
            lambda: fitting.optimize(steps, current, random.Random(seed)),
        )
        echo(f"held out: {result.held_out_items} of {len(steps)} items")
        echo("           log loss   RMSE")
        for name, fit in (("current", result.before), ("new", result.after)):
            echo(f"{name:<10} {fit.log_loss:>8.4f}   {fit.rmse:.4f}")
        if not result.better:
            echo("Kept the current parameters: the new ones do not predict better.")
            return
        store_parameters(store, result.parameters)
        echo("Stored the new parameters; they schedule your reviews from now on.")
    finally:
        store.close()


def _current_parameters(store: Any) -> tuple[float, ...]:
    from studyapp.srs.personal import stored_parameters
    from studyapp.srs.scheduler import DEFAULT_PARAMETERS

    return stored_parameters(store) or DEFAULT_PARAMETERS


def _with_spinner(label: str, work: Callable[[], Any]) -> Any:
    """Run `work` under a spinner with elapsed time on stderr (the fit reports no progress)."""
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        progress.add_task(label, total=None)
        return work()


@cli.command()
@click.option("--exam", "exam_text", metavar="YYYY-MM-DD", help="Set the exam date.")
@click.option(
    "--minutes-per-day",
    type=click.IntRange(1, 1440),
    help="Study time per day to plan with (default: no limit).",
)
@click.option("--clear", is_flag=True, help="Forget the exam date.")
@common_options
@pass_options
def plan(options: Options, exam_text: str | None, minutes_per_day: int | None, clear: bool) -> None:
    """Plan towards an exam date: readiness on the day and the daily workload.

    From then on no interval ends after the exam's eve, and desired retention rises to
    0.95 over the last 14 days. `--clear` goes back to plain scheduling.
    """
    from studyapp.srs.personal import EXAM_DATE_PREFERENCE

    if clear:
        from studyapp.srs.replay import open_store

        store = open_store(options.resolved_db_path())
        try:
            store.delete_preference(EXAM_DATE_PREFERENCE)
        finally:
            store.close()
        echo("Exam date cleared; scheduling is back to plain FSRS.")
        return

    def body(context: StudyContext) -> None:
        from studyapp.srs.personal import stored_exam_date
        from studyapp.srs.plan import parse_exam_date, study_date

        today = study_date(context.clock.now(), context.clock.local_tz)
        if exam_text is not None:
            exam = parse_exam_date(exam_text, today)
            context.store.set_preference(EXAM_DATE_PREFERENCE, exam.isoformat())
            context.reload_scheduler()
        stored = stored_exam_date(context.store)
        if stored is None:
            echo("No exam date set: `studyapp plan --exam YYYY-MM-DD`.")
        elif stored <= today:
            echo(f"The exam date {stored} has passed: `studyapp plan --clear`.")
        else:
            _show_plan(context, stored, today, minutes_per_day)

    _run_with(options, body)


def _show_plan(context: StudyContext, exam: Any, today: Any, minutes_per_day: int | None) -> None:
    from studyapp.srs.plan import project

    settings = context.store.settings()
    learned = [s for s in context.store.states().values() if s.item_id in context.deck.items]
    projection = project(
        context.scheduler.parameters,
        settings.desired_retention,
        len(context.deck.items),
        learned,
        (exam - today).days,
        settings.new_per_day,
        minutes_per_day,
    )
    echo(f"exam: {exam} ({projection.days_left} day(s) away)")
    echo(
        f"on exam day: about {projection.memorised_on_exam_day:.0f} of {projection.deck_size} "
        f"items recalled ({projection.readiness:.0%}); {projection.learned} learned so far"
    )
    echo(
        f"per day: about {projection.reviews_per_day:.0f} review(s), "
        f"{projection.new_per_day:.0f} new, {projection.minutes_per_day:.0f} minute(s)"
    )


@cli.group("db")
def db_group() -> None:
    """Check the progress database for damage, or rebuild what can be read of it."""


@db_group.command("check")
@common_options
@pass_options
def db_check(options: Options) -> None:
    """Run SQLite's integrity check on the database (read-only); exit 1 on damage."""
    from studyapp.store.opening import inspect_file
    from studyapp.store.recovery import check_database

    path = options.resolved_db_path()
    result = check_database(path)
    for problem in result.problems:
        click.echo(problem)
    if result.problems:
        raise StudyAppFailure(
            f"{path}: {len(result.problems)} problem(s); "
            f"`studyapp db recover NEW.db` rebuilds what can be read into a new file"
        )
    inspect_file(path, 5.0, check_pages=False)  # ours, and every table there?
    click.echo(f"{path}: ok (schema version {result.schema_version})")


@db_group.command("recover")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@common_options
@pass_options
def db_recover(options: Options, out: Path) -> None:
    """Rebuild a new database OUT from what can be read of the current one (never changed).

    The review log is replayed row by row, skipping damaged pages, and every item's state
    rebuilt from it; settings, preferences, flags, sessions, suspensions and exams are
    copied where readable. Use it with `--db OUT` (or move it into place) afterwards.
    """
    from studyapp.srs.replay import recover as recover_database

    source = options.resolved_db_path()
    report = recover_database(source, out)
    click.echo(f"reviews: {report.reviews} recovered into {out}")
    if report.reviews_from_index:
        click.echo(
            f"  {report.reviews_from_index} of them from an index of the log: time, item and "
            "rating kept, the answer given lost"
        )
    for table, count in report.copied.items():
        click.echo(f"{table}: {count}")
    if report.unreadable_ranges or report.lost_tables:
        click.echo(
            f"{report.unreadable_ranges} row(s) or range(s) of rows unreadable in their tables"
            + (f"; unreadable: {', '.join(report.lost_tables)}" if report.lost_tables else "")
        )
    click.echo(f"{source} was not changed; `studyapp --db {out}` studies from the new file.")


@cli.command()
@common_options
@pass_options
def where(options: Options) -> None:
    """Show which database and content folders are in use."""
    echo(f"database: {options.resolved_db_path()}")
    for path in options.content_paths():
        echo(f"content:  {path}")


def main() -> None:
    """Run the command line (`studyapp.__main__.main` calls this once Ctrl-C is safe)."""
    if sys.stdout is None:  # closed (`>&-`): nothing could be shown, and fd 1 may be reused
        if sys.stderr is not None:
            sys.stderr.write("studyapp: standard output is closed\n")
        sys.exit(2)
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")
    try:
        cli(standalone_mode=True, prog_name="studyapp")
    except BrokenPipeError:
        os._exit(0)
