"""What `studyapp merge` prints: one line for the merge, then one per table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from studyapp.text import plural

if TYPE_CHECKING:
    from studyapp.interop import MergeResult


def merge_lines(result: MergeResult) -> list[str]:
    """The merge, then what came in, table by table."""
    r = result
    upgraded = (
        f" (upgraded from schema version {r.upgraded_from} on a temporary copy)"
        if r.upgraded_from is not None
        else ""
    )
    leeches = f", {r.leeches_new} more as leeches of the joined history" if r.leeches_new else ""
    return [
        f"Merged {r.other} into {r.db_path} in one transaction; {r.other.name} is unchanged"
        + upgraded,
        f"reviews: {plural(r.reviews_in_other, 'review')} there, {r.reviews_new:,} new; "
        + (
            f"every item's state replayed from the {r.reviews_total:,} in the log"
            if r.log_changed
            else "the log is as it was"
        ),
        f"sessions: {r.sessions_new:,} new",
        f"flags: {r.flags_in_other:,} there, {r.flags_new:,} new, "
        f"{r.flags_resolved:,} newly resolved",
        f"bookmarks: {r.bookmarks_in_other:,} there, {r.bookmarks_new:,} new",
        f"suspensions: {r.suspensions_in_other:,} there, {r.suspensions_new:,} new{leeches}",
        f"exams: {plural(r.exams_finished_in_other, 'finished exam')} there, "
        f"{r.exams_new:,} new; {r.exams_unfinished_left:,} unfinished there left out",
        "settings: this database's kept (no change times are recorded to pick the newer)",
    ]
