"""Scheduling commands: fit FSRS to your own log (optimize) and plan towards an exam (plan)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from studyapp.cli.options import SEED, Options, common_options, echo, pass_options, run_with

if TYPE_CHECKING:
    from studyapp.study import StudyContext


@click.command()
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
    from studyapp.lines import reports
    from studyapp.lines.reports import fit_lines, fitting_label, with_spinner
    from studyapp.srs import optimize as fitting
    from studyapp.srs.personal import store_parameters, stored_parameters
    from studyapp.srs.replay import open_store
    from studyapp.srs.scheduler import DEFAULT_PARAMETERS

    with open_store(options.resolved_db_path()) as store:
        steps = fitting.review_steps(store.reviews.all(), clock_from_env().local_tz)
        missing = fitting.shortfall(steps)
        if missing is not None:
            echo(missing)
            return
        current = stored_parameters(store) or DEFAULT_PARAMETERS
        result = with_spinner(
            fitting_label(sum(map(len, steps.values())), len(steps)),
            lambda: fitting.optimize(steps, current, random.Random(seed)),
        )
        for line in fit_lines(result, len(steps)):
            echo(line)
        if not result.better:
            echo(reports.KEPT_PARAMETERS_LINE)
            return
        store_parameters(store, result.parameters)
        echo(reports.STORED_PARAMETERS_LINE)


@click.command()
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
    from studyapp.srs.personal import store_exam_date

    if clear:
        from studyapp.srs.replay import open_store

        with open_store(options.resolved_db_path()) as store:
            store_exam_date(store, None)
        from studyapp.lines import reports

        echo(reports.EXAM_DATE_CLEARED_LINE)
        return

    def body(context: StudyContext) -> None:
        from studyapp.clock import study_day
        from studyapp.lines import reports
        from studyapp.lines.reports import exam_date_passed_line, plan_lines
        from studyapp.srs.personal import stored_exam_date
        from studyapp.srs.plan import parse_exam_date

        today = study_day(context.clock.now(), context.clock.local_tz)
        if exam_text is not None:
            exam = parse_exam_date(exam_text, today)
            store_exam_date(context.store, exam)
            context.reload_scheduler()
        stored = stored_exam_date(context.store)
        if stored is None:
            echo(reports.NO_EXAM_DATE_LINE)
        elif stored <= today:
            echo(exam_date_passed_line(stored))
        else:
            for line in plan_lines(context, stored, today, minutes_per_day):
                echo(line)

    run_with(options, body)


COMMANDS = {"optimize": optimize, "plan": plan}
