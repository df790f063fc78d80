"""The real CLI run as subprocesses: kills, two writers at once, pipes, lazy imports, errors.

Every wait is bounded: subprocess calls have timeouts, and the interactive helper reads the
X
"""

from __future__ import annotations

import codecs
import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from types import TracebackType

import pytest

from studyapp.content import Card, Question, Scenario, load_deck
from studyapp.paths import content_dirs
from studyapp.store import Store
from tests.test_cli import COMMANDS

REPO = Path(__file__).resolve().parents[1]
DAY1 = "2026-03-02T10:00:00+00:00"
DAY1_LATE = "2026-03-02T23:00:00+00:00"
DAY2 = "2026-03-03T10:00:00+00:00"
TIMEOUT = 60  # seconds, for any one subprocess
EXPECT_TIMEOUT = 20  # seconds, for one pattern to show up in an interactive child's output
HEAVY_MODULES = ("textual", "pydantic", "fsrs", "fsrs_rs_python", "sqlite_utils", "yaml")
RESULT_LINE = re.compile(r"^(?:✓ Right\.|✗ Not quite)", re.MULTILINE)
# "── 1/6 · lambda · question · new ──" or "── lambda · card · 3 more after this ──"
HEADER = re.compile(
    r"^── (?:\d+/\d+ · )?(\S+) · (card|question|scenario)( · new)?(?: · [^\n]*)? ──\n(.*)\n",
    re.MULTILINE,
)
CHOOSE_PROMPT = re.compile(r"Choose (?:one letter|(\d+) letters)[^\n]*> ")


# helpers -------------------------------------------------------------------------------


def cli_env(now: str | None = DAY1, **extra: str) -> dict[str, str]:
    """A clean environment: no STUDYAPP_* leaking in but the test's deck cache and deck
    folder (temporary folders, from conftest), UTC, UTF-8, this checkout first."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("STUDYAPP_") or k in ("STUDYAPP_CACHE", "STUDYAPP_DECKS")
    }
    env["TZ"] = "UTC"
    env["PYTHONIOENCODING"] = "utf-8"
    env["PYTHONUTF8"] = "1"
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(REPO), extra.pop("PYTHONPATH", ""), env.get("PYTHONPATH", "")) if p
    )
    if now is not None:
        env["STUDYAPP_NOW"] = now
    env.update(extra)
    return env


def studyapp_cmd(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "studyapp", *(str(a) for a in args)]


def run_cli(
    *args: str | Path, input: str = "", now: str | None = DAY1, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `studyapp ARGS` to completion with `input` on stdin."""
    return subprocess.run(
        studyapp_cmd(*args),
        input=input,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=cli_env(now),
        cwd=cwd,
        timeout=TIMEOUT,
    )


def run_python(code: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=cwd,
        timeout=TIMEOUT,
    )


def result_count(stdout: str) -> int:
    """How many answers the line mode printed a verdict for."""
    return len(RESULT_LINE.findall(stdout))


def review_item_ids(db: Path) -> list[str]:
    """The review log's item ids in the order they were written (read with plain sqlite3)."""
    conn = sqlite3.connect(db, timeout=10)
    try:
        return [row[0] for row in conn.execute("SELECT item_id FROM reviews ORDER BY id")]
    finally:
        conn.close()


def due_of(db: Path, item_id: str) -> str:
    conn = sqlite3.connect(db, timeout=10)
    try:
        row = conn.execute("SELECT due FROM item_state WHERE item_id = ?", (item_id,)).fetchone()
    finally:
        conn.close()
    assert row is not None, f"{item_id} has no state"
    return str(row[0])


def utc_text(iso: str) -> str:
    """An ISO time in the store's fixed-width UTC text format (comparable as text)."""
    from datetime import UTC, datetime

    moment = datetime.fromisoformat(iso).astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _words(text: str) -> str:
    return " ".join(text.split())


class ItemFinder:
    """Tells which item an output line starts, from its front, prompt or situation.

    The line mode wraps text to the terminal, so the first shown line is matched as a prefix
    of the item's text with whitespace normalised.
    """

    def __init__(self) -> None:
        deck, _problems = load_deck(content_dirs())
        self.texts: list[tuple[str, str]] = []
        for item in deck.items.values():
            if isinstance(item, Card):
                text = item.front
            elif isinstance(item, Question):
                text = item.prompt
            else:
                assert isinstance(item, Scenario)
                text = item.situation
            self.texts.append((_words(text), item.id))

    def __call__(self, first_line: str) -> str:
        shown = _words(first_line)
        found = [item_id for text, item_id in self.texts if shown and text.startswith(shown)]
        assert len(found) == 1, f"{first_line!r} starts {len(found)} items: {found}"
        return found[0]


def served_items(stdout: str) -> list[tuple[str, str, bool]]:
    """(item id, kind, shown as new) for every item header in the output, in order."""
    find = ItemFinder()
    assert len(HEADER.findall(stdout)) == len(re.findall(r"^── ", stdout, re.MULTILINE))
    return [
        (find(match.group(4)), match.group(2), match.group(3) is not None)
        for match in HEADER.finditer(stdout)
    ]


def assert_one_line_error(result: subprocess.CompletedProcess[str], code: int = 1) -> str:
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def sidecar_files(db: Path) -> list[Path]:
    return [p for p in (Path(f"{db}-wal"), Path(f"{db}-shm"), Path(f"{db}-journal")) if p.exists()]


class Interactive:
    """A studyapp child with piped stdin; its stdout is read on a thread so waits can time out."""

    def __init__(self, args: Sequence[str | Path], env: dict[str, str], stderr_path: Path) -> None:
        self._stderr = stderr_path.open("wb")
        self.proc = subprocess.Popen(
            studyapp_cmd(*args),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            env=env,
            bufsize=0,
        )
        self.text = ""
        self.pos = 0
        self._eof = False
        self._cond = threading.Condition()
        self._reader = threading.Thread(target=self._pump, daemon=True)
        self._reader.start()

    def _pump(self) -> None:
        assert self.proc.stdout is not None
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        fd = self.proc.stdout.fileno()
        while True:
            try:
                data = os.read(fd, 4096)
            except OSError:
                data = b""
            with self._cond:
                if not data:
                    self.text += decoder.decode(b"", final=True)
                    self._eof = True
                    self._cond.notify_all()
                    return
                self.text += decoder.decode(data)
                self._cond.notify_all()

    def expect(self, pattern: re.Pattern[str], timeout: float = EXPECT_TIMEOUT) -> re.Match[str]:
        """Wait for `pattern` after what was already matched; move past it."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                match = pattern.search(self.text, self.pos)
                if match:
                    self.pos = match.end()
                    return match
                left = deadline - time.monotonic()
                if self._eof or left <= 0:
                    why = "output ended" if self._eof else f"{timeout}s passed"
                    raise AssertionError(
                        f"{why} waiting for {pattern.pattern!r}; output tail:\n{self.text[-1500:]}"
                    )
                self._cond.wait(left)

    def send(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line.encode())
        self.proc.stdin.flush()

    def kill(self) -> int:
        self.proc.send_signal(signal.SIGKILL)
        return self.proc.wait(timeout=10)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)
        for pipe in (self.proc.stdin, self.proc.stdout):
            if pipe is not None:
                with suppress(OSError):
                    pipe.close()
        self._reader.join(timeout=10)
        self._stderr.close()

    def __enter__(self) -> Interactive:
        return self

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _value: BaseException | None,
        _tb: TracebackType | None,
    ) -> None:
        self.close()


@contextmanager
def started(args: Sequence[str | Path], tmp_path: Path, now: str = DAY1) -> Iterator[Interactive]:
    with Interactive(args, cli_env(now), tmp_path / "stderr.txt") as child:
        yield child


def answer_for(prompt: re.Match[str]) -> str:
    """A valid answer to a choose prompt: the first letter, or the first N letters."""
    need = int(prompt.group(1)) if prompt.group(1) else 1
    return "abcdefgh"[:need] + "\n"


def make_db_with_reviews(db: Path, count: int = 3) -> None:
    """A real progress database with a few reviews in it, closed cleanly."""
    result = run_cli(
        "quiz", "--topic", "lambda", "--count", str(count), "--db", db, input="a\nab\n" * 9
    )
    assert result.returncode == 0, result.stderr
    assert review_item_ids(db)
    assert not sidecar_files(db), "the WAL should be checkpointed away on a clean exit"


# a killed process keeps every answer it printed a verdict for ---------------------------


def test_sigkill_mid_quiz_keeps_every_answered_review(tmp_path: Path) -> None:
    db = tmp_path / "progress.db"
    find = ItemFinder()
    answered: list[str] = []
    with started(["quiz", "--topic", "lambda", "--count", "6", "--db", db], tmp_path) as child:
        for _ in range(4):
            header = child.expect(HEADER)
            assert header.group(1) == "lambda"
            item_id = find(header.group(4))
            prompt = child.expect(CHOOSE_PROMPT)
            child.send(answer_for(prompt))
            child.expect(RESULT_LINE)
            answered.append(item_id)
        # Wait until the next item is on screen, so the process is idle at a prompt, then kill.
        child.expect(CHOOSE_PROMPT)
        assert child.kill() == -signal.SIGKILL
        assert result_count(child.text) == 4

    assert len(set(answered)) == 4
    assert review_item_ids(db) == answered

    # The killed process left a usable database behind.
    conn = sqlite3.connect(db, timeout=10)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        states = {row[0] for row in conn.execute("SELECT item_id FROM item_state")}
    finally:
        conn.close()
    assert states == set(answered)
    again = run_cli("quiz", "--topic", "lambda", "--count", "6", "--db", db, input="")
    assert again.returncode == 0, again.stderr
    first = served_items(again.stdout)[0]
    assert first[0] not in answered and first[2], "answered items are not new any more"


# two writers on one database ------------------------------------------------------------


def test_two_quiz_processes_answer_into_one_database(tmp_path: Path) -> None:
    db = tmp_path / "shared.db"
    # Create the file first: two processes opening a brand-new file at once can fail in
    # Store.open (see test_concurrency_store.py); this test is about answering concurrently.
    created = run_cli("settings", "--db", db)
    assert created.returncode == 0, created.stderr
    # "a" answers a choose-one prompt and "ab" a choose-two one; the other is refused and the
    # prompt asks again, so alternating lines answer every item. The end of input ends it.
    answers = "a\nab\n" * 20
    procs = [
        subprocess.Popen(
            studyapp_cmd("quiz", "--count", "6", "--db", db),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env=cli_env(DAY1),
        )
        for _ in range(2)
    ]
    outputs: list[tuple[str, str]] = [("", ""), ("", "")]

    def talk(index: int) -> None:
        outputs[index] = procs[index].communicate(answers, timeout=TIMEOUT)

    talkers = [threading.Thread(target=talk, args=(i,)) for i in range(2)]
    try:
        for talker in talkers:
            talker.start()
        for talker in talkers:
            talker.join(timeout=TIMEOUT + 5)
        assert not any(t.is_alive() for t in talkers), "a quiz process hung"
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait(timeout=10)

    for proc, (stdout, stderr) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, stderr
        assert "database is locked" not in stderr
        assert "Traceback" not in stderr
        assert "Session over: 6 answered" in stdout
    total = sum(result_count(stdout) for stdout, _ in outputs)
    assert total == 12
    assert len(review_item_ids(db)) == total


STORE_WORKER = """
import sys, time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from studyapp.store import ItemState, ReviewRecord, Store

path, go, worker = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
print("ready", flush=True)
deadline = time.monotonic() + 30
while not go.exists():
    if time.monotonic() > deadline:
        sys.exit("never told to go")
    time.sleep(0.005)
store = Store.open(path)
base = datetime(2026, 3, 2, 10, tzinfo=timezone.utc)
for i in range(200):
    item_id, at = f"item-{i % 10}", base + timedelta(seconds=i)
    def bump(prior, item_id=item_id, at=at):
        return ItemState(item_id, "question", 2, None, 1.0, 5.0, at + timedelta(days=1), at,
                         prior.first_review if prior else at, (prior.reps if prior else 0) + 1, 0)
    store.reviews.record(ReviewRecord(item_id, "question", at, 3, True, worker), bump)
store.close()
"""


def test_two_processes_record_400_reviews_into_one_store(tmp_path: Path) -> None:
    db, go = tmp_path / "store.db", tmp_path / "go"
    Store.open(db).close()  # a brand-new file has its own race; see test_concurrency_store.py
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", STORE_WORKER, str(db), str(go), f"w{i}"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=cli_env(None),
        )
        for i in range(2)
    ]
    try:
        for proc in procs:
            assert proc.stdout is not None
            assert proc.stdout.readline().strip() == "ready"  # each prints it at once
        go.touch()  # both open the fresh file and write at the same moment
        results = [proc.communicate(timeout=TIMEOUT) for proc in procs]
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait(timeout=10)
    for proc, (_out, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0, err
    conn = sqlite3.connect(db, timeout=10)
    try:
        assert conn.execute("SELECT count(*) FROM reviews").fetchone()[0] == 400
        reps = dict(conn.execute("SELECT item_id, reps FROM item_state"))
    finally:
        conn.close()
    # Each read-modify-write of an item's state was atomic: no increment was lost.
    assert reps == {f"item-{i}": 40 for i in range(10)}


# the piped example from the spec --------------------------------------------------------


def test_piped_answers_then_q(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    result = run_cli("quiz", "--topic", "lambda", "--db", db, input="a\nb\nq\n")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    answered = result_count(result.stdout)
    # "b" is refused if the second item asks for two letters; then only one answer counts.
    assert answered in (1, 2)
    assert f"Session over: {answered} answered" in result.stdout
    assert len(review_item_ids(db)) == answered
    served = [item_id for item_id, _kind, _new in served_items(result.stdout)]
    assert review_item_ids(db) == served[:answered]


# lazy imports -----------------------------------------------------------------------------

HELP_PROBE = """
import json, sys
sys.argv = ["studyapp", *json.loads(sys.argv[1]), "--help"]
from studyapp.cli import main
try:
    main()
    code = 0
except SystemExit as exc:
    code = exc.code or 0
print("\\nPROBE " + json.dumps({"code": code, "loaded": [m for m in HEAVY if m in sys.modules]}))
"""


def _textual_stub(tmp_path: Path) -> Path:
    """A do-nothing `textual` package, so an import of it shows up even if it is not installed."""
    stub = tmp_path / "stubs" / "textual"
    stub.mkdir(parents=True, exist_ok=True)
    (stub / "__init__.py").write_text("")
    return stub.parent


@pytest.mark.parametrize(
    "command",
    COMMANDS,
    ids=lambda c: " ".join(c) or "top",
)
def test_help_imports_no_heavy_module(command: list[str], tmp_path: Path) -> None:
    code = HELP_PROBE.replace("HEAVY", repr(list(HEAVY_MODULES)))
    env = cli_env(None, PYTHONPATH=str(_textual_stub(tmp_path)))
    result = subprocess.run(
        [sys.executable, "-c", code, json.dumps(command)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=tmp_path,
        timeout=TIMEOUT,
    )
    assert result.returncode == 0, result.stderr
    assert "Usage:" in result.stdout
    probe = json.loads(result.stdout.rsplit("PROBE ", 1)[1])
    assert probe == {"code": 0, "loaded": []}


@pytest.mark.parametrize(
    "module",
    [
        "studyapp.content",
        "studyapp.store",
        "studyapp.srs",
        "studyapp.study",
        "studyapp.lines.session",
        "studyapp.lines.exam",
        "studyapp.lines.menu",
        "studyapp.lines.stats",
        "studyapp.present.readiness",
        "studyapp.present.summary",
        "studyapp.stats",
        "studyapp.decide",
        "studyapp.cli",
        "studyapp.cli.study",
        "studyapp.cli.progress",
        "studyapp.cli.planning",
        "studyapp.cli.backup",
        "studyapp.interop",
    ],
)
def test_domain_package_does_not_load_textual(module: str, tmp_path: Path) -> None:
    env = cli_env(None, PYTHONPATH=str(_textual_stub(tmp_path)))
    code = f"import sys, {module}; print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))"
    result = run_python(code, env, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_setting_the_theme_does_not_load_textual(tmp_path: Path) -> None:
    env = cli_env(None, PYTHONPATH=str(_textual_stub(tmp_path)))
    db = tmp_path / "p.db"
    code = (
        "import sys\n"
        f"sys.argv = ['studyapp', 'settings', 'theme', 'nord', '--db', {str(db)!r}]\n"
        "from studyapp.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))"
    )
    result = run_python(code, env, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-2:] == ["theme = nord", "[]"]


# errors the user can fix: one line, exit 1, the file left alone ---------------------------


def test_random_bytes_database_is_refused_and_untouched(tmp_path: Path) -> None:
    db = tmp_path / "notes.db"
    data = random.Random(7).randbytes(8192)
    db.write_bytes(data)
    for args in (["quiz"], ["review"], ["settings"], ["settings", "new_per_day", "5"], []):
        result = run_cli(*args, "--db", db, input="")
        line = assert_one_line_error(result)
        assert str(db) in line and "not an SQLite database" in line, line
        assert db.read_bytes() == data
        assert not sidecar_files(db)


def _garbage_from_page_two(data: bytes) -> bytes:
    page = int.from_bytes(data[16:18], "big")
    page = 65536 if page == 1 else page
    assert len(data) > 2 * page, "the database should have more than one page"
    return data[:page] + random.Random(11).randbytes(len(data) - page)


@pytest.mark.parametrize(
    "damage",
    [
        _garbage_from_page_two,
        lambda data: data[:5000],  # truncated in the middle of page 2
        lambda data: data[:100],  # only the header survived
        lambda data: data[:8192] + bytes(8192) + data[16384:],  # two pages zeroed
    ],
    ids=["garbage-from-page-2", "truncated-5000", "truncated-100", "zeroed-pages"],
)
def test_corrupt_database_gives_one_line_and_is_untouched(
    tmp_path: Path, damage: Callable[[bytes], bytes]
) -> None:
    db = tmp_path / "progress.db"
    make_db_with_reviews(db)
    broken = damage(db.read_bytes())
    db.write_bytes(broken)
    for args in (["quiz"], ["review"], ["settings"], ["settings", "new_per_day", "5"]):
        result = run_cli(*args, "--db", db, input="a\n")
        line = assert_one_line_error(result)
        assert line.startswith("studyapp: "), line
        assert "malformed" in line or "not a database" in line or "corrupt" in line, line
        assert db.read_bytes() == broken


def test_unknown_flag_is_a_usage_error(tmp_path: Path) -> None:
    for args in (["quiz", "--bogus"], ["--bogus"], ["review", "--count", "3"]):
        result = run_cli(*args, "--db", tmp_path / "x.db")
        assert result.returncode == 2, result.stderr
        assert "Traceback" not in result.stderr
        assert "No such option" in result.stderr
        assert "Usage:" in result.stderr
    assert not (tmp_path / "x.db").exists()


def test_unknown_topic_lists_the_known_ones(tmp_path: Path) -> None:
    for mode in ("quiz", "review"):
        result = run_cli(mode, "--topic", "nosuch", "--db", tmp_path / "x.db")
        line = assert_one_line_error(result)
        assert "nosuch" in line and "lambda" in line, line
        assert result.stdout == ""


# come back the next day ------------------------------------------------------------------


def _review(db: Path, now: str, input: str) -> subprocess.CompletedProcess[str]:
    result = run_cli("review", "--topic", "lambda", "--db", db, input=input, now=now)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result


def test_cards_rated_today_are_due_the_next_day(tmp_path: Path) -> None:
    db = tmp_path / "progress.db"
    day1 = _review(db, DAY1, "\n3\n" * 3)  # Enter reveals, 3 rates Good
    served = served_items(day1.stdout)
    rated = [item_id for item_id, _kind, _new in served[:3]]
    assert all(new and kind == "card" for _id, kind, new in served[:3])
    assert review_item_ids(db) == rated
    assert "Session over: 3 answered" in day1.stdout

    day2 = _review(db, DAY2, "")  # the first item is shown, then the input ends
    first_id, kind, new = served_items(day2.stdout)[0]
    assert kind == "card" and not new
    assert first_id in rated
    due = due_of(db, first_id)
    assert utc_text(DAY1) < due <= utc_text(DAY2), due
    assert review_item_ids(db) == rated, "showing a card without rating it records nothing"


def test_new_card_limit_counts_what_today_introduced(tmp_path: Path) -> None:
    db = tmp_path / "progress.db"
    day1 = _review(db, DAY1, "\n3\n" * 3)
    rated = {item_id for item_id, _kind, _new in served_items(day1.stdout)[:3]}
    settings = run_cli("settings", "new_per_day", "2", "--db", db, now=DAY1_LATE)
    assert settings.returncode == 0, settings.stderr
    assert "new_per_day = 2" in settings.stdout

    # Later the same day: three were introduced and the limit is two, so nothing new; the
    # three learning cards are due again and rating them Good sends them out by days.
    late = _review(db, DAY1_LATE, "\n3\n" * 10)
    served = served_items(late.stdout)
    assert {item_id for item_id, _kind, _new in served} == rated
    assert len(served) == 3 and not any(new for _id, _kind, new in served)

    later = _review(db, "2026-03-02T23:30:00+00:00", "\n3\n" * 10)
    assert "Nothing is due and no new items are left for today" in later.stdout
    assert served_items(later.stdout) == []

    # The study day rolls over at 04:00 local time (TZ=UTC here).
    before = _review(db, "2026-03-03T03:59:00+00:00", "")
    assert "Nothing is due" in before.stdout
    after = _review(db, "2026-03-03T04:00:00+00:00", "\n3\n" * 10)
    fresh = served_items(after.stdout)
    assert [new for _id, _kind, new in fresh].count(True) == 2
    assert not rated & {item_id for item_id, _kind, new in fresh if new}
