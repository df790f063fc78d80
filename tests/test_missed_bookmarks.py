"""Practice off the schedule: the missed (`quiz --missed`) and the bookmarked (`--bookmarked`,
`studyapp bookmarks`), from the store up to the command line (issue 14, "Study screens")."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from studyapp.cli import cli
from studyapp.clock import FixedClock
from studyapp.content import Deck, Question, Scenario
from studyapp.present.bookmarks import bookmark_lines, bookmark_toggled_text
from studyapp.present.summary import summary_lines
from studyapp.srs import Rating
from studyapp.store import Store
from studyapp.store.records import Bookmark
from studyapp.study import StudyContext, StudySession, choices_of
from studyapp.text import cell_width, url_lines
from tests.conftest import START


def answer_current(session: StudySession, right: bool) -> str:
    """Answer the item showing, right or wrong; its id."""
    item = session.current()
    assert isinstance(item, Question | Scenario)
    choices = choices_of(item)
    correct = [c.index for c in choices if c.correct]
    wrong = [c.index for c in choices if not c.correct][:1] + correct[1:]
    session.answer(correct if right else wrong)
    return item.id


def test_missed_are_the_latest_wrong_most_recent_first(
    context: StudyContext, clock: FixedClock
) -> None:
    session = context.start("quiz", count=3)
    answered = []
    for right in (False, False, False):
        answered.append(answer_current(session, right))
        clock.advance(timedelta(minutes=1))
    assert context.store.rollups.missed_item_ids() == answered[::-1]
    # answered right since: no longer missed; cards (no right or wrong) never are
    again = context.start("quiz", count=3, selection="missed")
    assert answer_current(again, right=True) == answered[-1]
    assert context.store.rollups.missed_item_ids() == answered[-2::-1]
    review = context.start("review")
    review.rate(Rating.AGAIN)
    assert "c1" not in context.store.rollups.missed_item_ids()
    # an undone wrong answer takes the item back out
    again.undo()
    assert context.store.rollups.missed_item_ids() == answered[::-1]


def test_a_missed_quiz_serves_them_whether_due_or_not_and_records_as_a_quiz(
    context: StudyContext, clock: FixedClock
) -> None:
    first = context.start("quiz", count=3)
    missed = [answer_current(first, right=False) for _ in range(2)]
    clock.advance(timedelta(minutes=5))  # not due again until tomorrow
    practice = context.start("quiz", count=1, selection="missed")
    assert practice.remaining == 1  # --count limits it
    assert answer_current(practice, right=True) == missed[-1]
    assert practice.current() is None
    rows = context.store.conn.execute(
        "SELECT s.mode, r.correct FROM reviews AS r JOIN sessions AS s ON s.id = r.session_id "
        "WHERE r.session_id = ?",
        (practice.session_id,),
    ).fetchall()
    assert rows == [("quiz", 1)]  # recorded and scheduled as any quiz answer
    state = context.store.reviews.state(missed[-1])
    assert state is not None and state.reps == 2 and state.due > clock.now()


def test_missed_and_bookmarked_keep_to_the_topic_the_kinds_and_out_of_leeches(
    context: StudyContext, clock: FixedClock
) -> None:
    session = context.start("quiz", count=3)
    missed = [answer_current(session, right=False) for _ in range(3)]
    scenario_only = context.start("scenarios", selection="missed")
    assert scenario_only.remaining == 1 and scenario_only.current().id == "s1"  # type: ignore[union-attr]
    context.store.conn.execute(
        "INSERT INTO suspensions VALUES (?, '2026-03-02T10:00:00.000000Z', 'leech')", (missed[0],)
    )
    context.store.conn.commit()
    assert context.queue("quiz", selection="missed").item_ids == tuple(missed[:0:-1])
    for item_id in ("c2", "q2"):
        context.store.bookmarks.add(item_id, clock.now())
        clock.advance(timedelta(minutes=1))
    assert context.queue("quiz", selection="bookmarked").item_ids == ("q2",)
    assert context.queue("review", selection="bookmarked").item_ids == ("c2",)


def test_a_session_with_nothing_to_show_ends_in_one_line(
    context: StudyContext, clock: FixedClock
) -> None:
    context.store.settings.set("new_per_day", "0")
    now, zone = clock.now(), clock.local_tz
    review = context.start("review")
    assert review.current() is None
    assert summary_lines(review.summary(), now, zone) == [
        "Nothing is due and no new items are left for today. Come back tomorrow."
    ]
    missed = context.start("quiz", selection="missed")
    assert missed.current() is None
    assert summary_lines(missed.summary(), now, zone) == [
        "Nothing missed: none of your questions or scenarios has a wrong latest answer."
    ]
    marked = context.start("review", selection="bookmarked")
    assert marked.current() is None
    assert summary_lines(marked.summary(), now, zone) == [
        "No bookmarked cards: press b on a study screen to bookmark one."
    ]
    ended = context.start("quiz", selection="due")
    assert ended.current() is not None  # shown, then ended at once: the usual tally
    assert summary_lines(ended.summary(), now, zone)[0].startswith("Session over: 0 answered")


def test_bookmark_lines_fit_the_width_and_cut_titles_at_a_word(small_deck: Deck) -> None:
    at = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    marks = [Bookmark("q2", at), Bookmark("gone", at - timedelta(days=1))]
    lines = bookmark_lines(marks, small_deck, UTC, width=50)
    assert lines == [
        "ID    TOPIC  BOOKMARKED        TITLE",
        "q2    demo   2026-03-02 09:30  Pick two.",
        "gone  -      2026-03-01 09:30  (no longer in the…",
    ]
    assert all(cell_width(line) <= 50 for line in lines)
    assert bookmark_toggled_text(True).startswith("Bookmarked")
    assert bookmark_toggled_text(False) == "Bookmark removed."


@given(
    st.lists(st.text(alphabet="abcdefghij-.", min_size=1, max_size=30), min_size=1, max_size=8).map(
        lambda parts: "https://" + "/".join(parts)
    ),
    st.integers(min_value=10, max_value=100),
)
def test_an_address_breaks_only_after_a_separator(url: str, width: int) -> None:
    lines = url_lines(url, width)
    assert all(cell_width(line) <= width for line in lines)
    if not any(line.endswith("…") for line in lines):
        assert "".join(lines) == url
        assert all(line.endswith("/") for line in lines[:-1])  # never inside a word


def invoke(*args: str, input: str | None = None) -> tuple[int, str, str]:
    env = {"STUDYAPP_NOW": START.isoformat(), "COLUMNS": "80"}
    result = CliRunner().invoke(cli, list(args), input=input, env=env)
    return result.exit_code, result.stdout, result.stderr


def test_bookmarks_command_lists_and_removes(tmp_path: Path, small_deck_dir: Path) -> None:
    db = tmp_path / "p.db"
    store = Store.open(db)
    store.bookmarks.add("q1", START)
    store.close()
    where = ("--db", str(db), "--content", str(small_deck_dir))
    code, out, _ = invoke("bookmarks", *where)
    assert code == 0
    assert out.splitlines() == [
        "ID  TOPIC  BOOKMARKED        TITLE",
        "q1  demo   2026-03-02 10:00  Pick the right one.",
    ]
    code, _out, err = invoke("bookmarks", "--remove", "nope", *where)
    assert (
        code == 1
        and err == "studyapp: 'nope' is not bookmarked (`studyapp bookmarks` lists them)\n"
    )
    assert invoke("bookmarks", "--remove", "q1", *where)[1] == "Bookmark on q1 removed.\n"
    assert invoke("bookmarks", *where)[1].startswith("No bookmarks yet")


def test_quiz_missed_in_line_mode(tmp_path: Path, small_deck_dir: Path) -> None:
    db = tmp_path / "p.db"
    where = ("--db", str(db), "--content", str(small_deck_dir), "--topic", "demo")
    code, out, _ = invoke("quiz", "--missed", *where, input="q\n")
    assert code == 0 and out.strip().splitlines() == [
        "Nothing missed: none of your questions or scenarios has a wrong latest answer."
    ]
    context = StudyContext.open([small_deck_dir], db, FixedClock(START - timedelta(hours=1)))
    missed = answer_current(context.start("quiz", count=1), right=False)
    context.close()
    code, out, _ = invoke("quiz", "--missed", *where, input="q\n")
    assert code == 0 and "── demo · question · 0 more after this ──" in out
    assert context.deck.items[missed].prompt in out  # type: ignore[union-attr]
    code, _out, err = invoke("quiz", "--missed", "--bookmarked", *where)
    assert code == 2 and "give --missed or --bookmarked, not both" in err
