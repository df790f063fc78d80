"""CSV interchange: `export csv` writes what `import csv` reads back exactly, and a bad row
is reported at `file:row:column` with nothing written."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studyapp.cli import cli
from studyapp.content import Deck, load_deck, parse_text
from studyapp.content.models import (
    ITEM_ID_PATTERN,
    SERVICE_NAMES,
    Card,
    Choice,
    Facts,
    GlossaryEntry,
    Note,
    Question,
    Scenario,
    Topic,
)
from studyapp.errors import ContentError
from studyapp.interop.content_yaml import MARKER, content_text
from studyapp.interop.csv_columns import KINDS, Entry, columns, entry_row, kind_of
from studyapp.interop.csv_entries import entry_from_cells, generated_id
from studyapp.interop.csv_export import export_csv, topic_entries
from studyapp.interop.csv_files import CsvImportError, csv_text, read_table
from studyapp.interop.csv_import import import_csv
from studyapp.interop.csv_target import entry_key, parsed_sections
from studyapp.paths import builtin_content_dir
from studyapp.text import BIDI_CONTROLS

SOURCE = "https://docs.aws.amazon.com/lambda/latest/dg/welcome.html"
CARD_HEADER = "id,topic,front,back,source,tags,exam,exam_expects\n"
QUESTION_HEADER = "prompt,correct,choice_a,why_a,choice_b,why_b,choice_c,why_c,source\n"


@pytest.fixture(scope="module")
def builtin_deck() -> Deck:
    deck, problems = load_deck([builtin_content_dir()])
    assert problems == []
    return deck


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes: what "nothing was written" compares."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def write_csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def import_problems(*args: str) -> list[str]:
    code, out, err = run("import", "csv", *args)
    assert code == 1 and out == ""
    *problems, summary = err.splitlines()
    assert re.search(r": (1 problem|[0-9,]+ problems) found; nothing was written$", summary)
    assert summary.startswith("studyapp: ")
    return problems


# The round trip -----------------------------------------------------------------------------


@pytest.mark.parametrize("topic_id", sorted(load_deck([builtin_content_dir()])[0].topics))
def test_every_builtin_topic_comes_back_from_csv_field_for_field(
    builtin_deck: Deck, topic_id: str, tmp_path: Path
) -> None:
    export_csv(builtin_deck, tmp_path / "csv", [topic_id])
    title = builtin_deck.topics[topic_id].title
    for kind in KINDS:  # notes first, so the glossary finds its terms in them
        first = not (tmp_path / "deck" / f"{topic_id}.yaml").exists()
        plan = import_csv(
            tmp_path / "csv" / f"{kind}.csv",
            topic_id,
            tmp_path / "deck",
            [],
            title if first else None,
        )
        assert plan.updated == [] and plan.elsewhere == 0
    again, problems = load_deck([tmp_path / "deck"])
    assert problems == []
    for kind in KINDS:
        assert topic_entries(again, kind, topic_id) == topic_entries(builtin_deck, kind, topic_id)
    assert again.topics[topic_id].title == title


def test_the_cli_round_trip_of_a_deck_of_your_own(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "t.yaml").write_text(
        "topic: {id: mine, title: Mine}\n"
        "cards:\n"
        f"  - {{id: m1, front: '=1+1 is?', back: \"2\", source: {SOURCE}, tags: [a, b], "
        "renamed_from: [m0, m-old]}\n"
        "questions:\n"
        "  - id: m-q\n    prompt: |\n      Two lines\n      of prompt\n    choose: 2\n"
        "    choices:\n"
        "      - {text: '@one', correct: true, why: 'yes, this'}\n"
        "      - {text: two, why: 'no; \"quoted\"'}\n"
        "      - {text: Both, correct: true, pinned: true, why: '-1 is wrong'}\n"
        f"    source: {SOURCE}\n    exam: [dva-c02:1.2]\n    exam_expects: Older answer.\n"
    )
    code, _out, err = run(
        "--content", str(mine), "export", "csv", str(tmp_path / "csv"), "--topic", "mine"
    )
    assert code == 0, err
    out_dir = tmp_path / "out"
    for kind in ("cards", "questions"):
        code, _out, err = run(
            "import",
            "csv",
            str(tmp_path / "csv" / f"{kind}.csv"),
            "--topic",
            "mine",
            "--into",
            str(out_dir),
            "--title",
            "Mine",
        )
        assert code == 0, err
    written, problems = load_deck([out_dir])
    original, _ = load_deck([mine])
    assert problems == [] and written.items == original.items


def test_an_export_of_the_deck_imports_nothing_that_is_already_there(tmp_path: Path) -> None:
    code, _out, err = run("export", "csv", str(tmp_path), "--topic", "sam")
    assert code == 0, err
    code, out, err = run(
        "import",
        "csv",
        str(tmp_path / "cards.csv"),
        "--topic",
        "sam",
        "--into",
        str(tmp_path / "deck"),
    )
    assert code == 0, err
    assert out.splitlines()[0].startswith("Nothing to write")
    assert "already in the deck, unchanged, in other files: left out" in out
    assert not (tmp_path / "deck").exists()


def test_a_row_added_to_an_export_is_written_alone_and_studied(tmp_path: Path) -> None:
    run("export", "csv", str(tmp_path), "--topic", "lambda")
    with (tmp_path / "cards.csv").open("a", encoding="utf-8", newline="") as file:
        csv.writer(file).writerow(
            [
                "",
                "lambda",
                "How much /tmp can a function have?",
                "512 MB to 10,240 MB.",
                SOURCE,
                "limits",
                "",
                "",
            ]
        )
    code, out, err = run(
        "--content",
        str(tmp_path / "mine"),
        "import",
        "csv",
        str(tmp_path / "cards.csv"),
        "--topic",
        "lambda",
    )
    assert code == 0, err
    made = generated_id("cards", "lambda", "How much /tmp can a function have?")
    assert f"id {made} made from its text" in out
    deck, problems = load_deck([builtin_content_dir(), tmp_path / "mine"])
    assert problems == [] and deck.topic_of[made] == "lambda"
    assert "topic: lambda\n" in (tmp_path / "mine" / "lambda.yaml").read_text()


# Bad rows: file:row:column, and nothing written -------------------------------------------


def test_bad_rows_are_all_reported_at_row_and_column_and_nothing_is_written(
    tmp_path: Path,
) -> None:
    deck_dir = tmp_path / "deck"
    good = write_csv(tmp_path / "good.csv", CARD_HEADER + f"c1,,Front,Back,{SOURCE},,,\n")
    run("import", "csv", str(good), "--topic", "t", "--title", "T", "--into", str(deck_dir))
    before = snapshot(deck_dir)
    bad = write_csv(
        tmp_path / "cards.csv",
        CARD_HEADER
        + f'c2,,"Front\nover two lines",Back,{SOURCE},,,\n'
        + f"c3,,Front,,{SOURCE},,,\n"  # row 3: no back
        + f"c4,,Fr\x1bont,Back,{SOURCE},Bad Tag,,\n"
        + f"c5,other,Front,Back,{SOURCE},,dva-c02:9.9,\n",
    )
    problems = import_problems(str(bad), "--topic", "t", "--into", str(deck_dir))
    assert problems == [
        f"{bad}:3:back: is empty",
        f"{bad}:4:front: contains the control character U+001B at character 3; only "
        "printable text, newlines and tabs are allowed",
        f"{bad}:4:tags: String should match pattern '^[a-z0-9][a-z0-9-]*$' (not 'Bad Tag')",
        f"{bad}:5:topic: the row is of topic 'other', not 't' (--topic)",
        f"{bad}:5:exam: dva-c02 has no task statement '9.9' in 'dva-c02:9.9' (its task "
        "statements: 1.1, 1.2, 1.3, 2.1, 2.2, 2.3, 3.1, 3.2, 3.3, 3.4, 4.1, 4.2, 4.3)",
    ]
    assert snapshot(deck_dir) == before


def test_a_bad_correct_letter_is_reported_in_its_column(tmp_path: Path) -> None:
    bad = write_csv(
        tmp_path / "q.csv",
        QUESTION_HEADER
        + f"Pick one,b,A,Yes,B,No,,,{SOURCE}\n"
        + f"Pick one again,x,A,Yes,B,No,,,{SOURCE}\n"
        + f"Pick two,a;b,A,Yes,B,Yes,,,{SOURCE}\n",
    )
    problems = import_problems(str(bad), "--topic", "lambda", "--into", str(tmp_path / "d"))
    assert problems == [
        f"{bad}:3:correct: 'x' is not the letter of an option of this row (a-b)",
        f"{bad}:4:correct: a question needs more choices than it asks to choose",
    ]
    assert not (tmp_path / "d").exists()


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (
            "id,front,bakc,source\n",
            [
                "1:bakc: unknown column 'bakc' in a file of cards",
                "1:back: missing column: cards need it",
            ],
        ),
        ("id,front,back,front,source\n", ["1:front: this column is in the header twice"]),
        ("foo,bar\n", ["1:1: cannot tell what the file holds"]),
        ("front,prompt,back\n", ["1:1: the header mixes kinds"]),
    ],
)
def test_a_wrong_header_is_reported_on_row_1(
    tmp_path: Path, header: str, expected: list[str]
) -> None:
    bad = write_csv(tmp_path / "x.csv", header + "a,b,c\n")
    problems = import_problems(str(bad), "--topic", "lambda", "--into", str(tmp_path / "d"))
    assert len(problems) == len(expected)
    for line, start in zip(problems, expected, strict=True):
        assert line.startswith(f"{bad}:{start}")
    assert not (tmp_path / "d").exists()


def test_a_scenario_the_rules_contradict_is_refused_at_its_answer(tmp_path: Path) -> None:
    bad = write_csv(
        tmp_path / "s.csv",
        "situation,fact_runtime_minutes,fact_packaging,options,answer,explanation,source\n"
        f"A 40-minute container job.,40,container,lambda;fargate,lambda,Wrong.,{SOURCE}\n",
    )
    problems = import_problems(str(bad), "--topic", "lambda", "--into", str(tmp_path / "d"))
    assert len(problems) == 1
    assert problems[0].startswith(f"{bad}:2:answer: the facts decide 'fargate', not 'lambda'")


def test_a_row_that_changes_an_entry_of_the_deck_is_refused_with_where_it_is(
    builtin_deck: Deck, tmp_path: Path
) -> None:
    card_id = "lambda-max-timeout"
    origin = builtin_deck.origin_of[card_id]
    bad = write_csv(tmp_path / "c.csv", CARD_HEADER + f"{card_id},,Front,Back,{SOURCE},,,\n")
    problems = import_problems(str(bad), "--topic", "lambda", "--into", str(tmp_path / "d"))
    assert problems == [
        f"{bad}:2:id: '{card_id}' is already in the deck at {origin.path}:{origin.line}, with "
        "other content; an import writes only lambda.yaml: change it there, or clear the id "
        "to add the row as a new entry"
    ]


def test_a_hand_written_topic_file_is_never_rewritten(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    hand = tmp_path / "d" / "t.yaml"
    hand.write_text("# my notes\ntopic: {id: t, title: T}\n")
    good = write_csv(tmp_path / "c.csv", CARD_HEADER + f",,Front,Back,{SOURCE},,,\n")
    code, _out, err = run("import", "csv", str(good), "--topic", "t", "--into", str(hand.parent))
    assert code == 1
    assert "not written by `studyapp import csv`, so it is not merged into" in err
    assert hand.read_text() == "# my notes\ntopic: {id: t, title: T}\n"


# Merging, ids, spreadsheets ----------------------------------------------------------------


def test_rows_merge_by_id_and_other_kinds_stay(tmp_path: Path) -> None:
    into = tmp_path / "d"
    cards = write_csv(
        tmp_path / "c.csv", CARD_HEADER + f"c1,,One,Back,{SOURCE},,,\nc2,,Two,Back,{SOURCE},,,\n"
    )
    questions = write_csv(tmp_path / "q.csv", QUESTION_HEADER + f"Pick,a,A,Yes,B,No,,,{SOURCE}\n")
    import_csv(cards, "t", into, [], "T")
    import_csv(questions, "t", into)
    changed = write_csv(
        tmp_path / "c2.csv",
        CARD_HEADER + f"c3,,Three,Back,{SOURCE},,,\nc1,,One,New back,{SOURCE},,,\n",
    )
    plan = import_csv(changed, "t", into)
    assert [entry_key(row.entry) for row in plan.added] == ["c3"]
    assert [entry_key(row.entry) for row in plan.updated] == ["c1"]
    deck, problems = load_deck([into])
    assert problems == []
    assert list(deck.items) == ["c1", "c2", "c3", generated_id("questions", "t", "Pick")]
    assert deck.items["c1"].back == "New back"  # type: ignore[union-attr]
    assert (into / "t.yaml").read_text().startswith(MARKER)


def test_ids_made_from_the_text_are_the_same_on_every_import(tmp_path: Path) -> None:
    rows = write_csv(
        tmp_path / "q.csv",
        QUESTION_HEADER + f'"A nightly job runs\nfor 40 minutes.",a,A,Yes,B,No,,,{SOURCE}\n',
    )
    first = import_csv(rows, "t", tmp_path / "one", [], "T")
    second = import_csv(rows, "t", tmp_path / "two", [], "T")
    made = entry_key(first.added[0].entry)
    assert (
        made
        == entry_key(second.added[0].entry)
        == "t-q-a-nightly-job-runs-for-40-minutes-" + made[-8:]
    )
    content = (tmp_path / "one" / "t.yaml").read_bytes()
    again = import_csv(rows, "t", tmp_path / "one")
    assert again.content is None and again.unchanged == 1
    assert (tmp_path / "one" / "t.yaml").read_bytes() == content
    # Rewrapped, the text still makes the same id (whitespace runs count as one space).
    assert generated_id("questions", "t", "A nightly job runs for\n40 minutes.") == made


def test_a_made_id_is_a_valid_id_even_from_a_long_topic_or_no_letters() -> None:
    import re

    for topic_id, text in [("t" * 120, "x " * 300), ("t", "日本語のテキスト"), ("t", "")]:
        made = generated_id("cards", topic_id, text)
        assert re.fullmatch(ITEM_ID_PATTERN, made) and len(made) <= 120


def test_cells_a_spreadsheet_would_run_are_exported_with_a_quote_and_read_back(
    tmp_path: Path,
) -> None:
    texts = ['=HYPERLINK("http://x")', "+1", "-1 is wrong", "@SUM(A1)", "'=quoted", "'plain"]
    (tmp_path / "mine").mkdir()
    cards = "".join(
        f"  - {{id: c{n}, front: {json.dumps(text)}, back: B, source: {SOURCE}}}\n"
        for n, text in enumerate(texts)
    )
    (tmp_path / "mine" / "t.yaml").write_text(f"topic: {{id: t, title: T}}\ncards:\n{cards}")
    deck, problems = load_deck([tmp_path / "mine"])
    assert problems == []
    export_csv(deck, tmp_path / "csv")
    exported = (tmp_path / "csv" / "cards.csv").read_text(encoding="utf-8-sig")
    cells = [row["front"] for row in csv.DictReader(io.StringIO(exported))]
    assert cells == ["'" + text for text in texts[:4]] + ["''=quoted", "'plain"]
    import_csv(tmp_path / "csv" / "cards.csv", "t", tmp_path / "d", [], "T")
    again, _ = load_deck([tmp_path / "d"])
    assert again.items == deck.items


def test_a_quote_typed_before_a_formula_is_taken_off_and_kept_before_anything_else(
    tmp_path: Path,
) -> None:
    rows = write_csv(tmp_path / "c.csv", CARD_HEADER + f"c1,,'=SUM(A1),'plain,{SOURCE},,,\n")
    card = import_csv(rows, "t", tmp_path / "d", [], "T").added[0].entry
    assert (card.front, card.back) == ("=SUM(A1)", "'plain")  # type: ignore[union-attr]


def test_a_semicolon_separated_csv_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_bytes(('\ufefffront;back;source;tags\r\nF;"B;1";' + SOURCE + ";a, b\r\n").encode())
    plan = import_csv(path, "t", tmp_path / "d", [], "T")
    card = plan.added[0].entry
    assert (card.front, card.back, card.tags) == ("F", "B;1", ("a", "b"))  # type: ignore[union-attr]


def test_export_writes_one_file_per_kind_with_its_header_and_never_overwrites(
    tmp_path: Path,
) -> None:
    code, out, _ = run("export", "csv", str(tmp_path), "--topic", "ecr")
    assert code == 0
    assert [line.split()[1] for line in out.splitlines()] == [
        str(tmp_path / f"{kind}.csv") for kind in KINDS
    ]
    header = (tmp_path / "cards.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.split(",") == list(columns("cards"))
    code, _, err = run("export", "csv", str(tmp_path), "--topic", "ecr")
    assert code == 1 and "already there; --force replaces them" in err
    assert run("export", "csv", str(tmp_path), "--topic", "ecr", "--force")[0] == 0
    code, _, err = run("export", "csv", str(tmp_path / "x"), "--topic", "nope")
    assert code == 1 and "unknown topic 'nope'" in err


def test_import_goes_to_the_deck_folder_and_needs_a_title_for_a_new_topic(
    tmp_path: Path, user_decks: Path
) -> None:
    good = write_csv(tmp_path / "c.csv", CARD_HEADER + f",,Front,Back,{SOURCE},,,\n")
    code, _, err = run("import", "csv", str(good), "--topic", "lambda")
    assert code == 0, err
    assert [p.name for p in user_decks.iterdir()] == ["lambda.yaml"]  # loaded by every session
    several = ("--content", str(tmp_path / "a"), "--content", str(tmp_path / "b"))
    code, _, err = run("import", "csv", str(good), "--topic", "t", *several)
    assert code == 1 and "several content folders are named: say where to write" in err
    code, _, err = run("import", "csv", str(good), "--topic", "new", "--into", str(tmp_path))
    assert code == 1 and "topic 'new' is not in the deck: start it with --title TITLE" in err
    code, _, err = run(
        "import", "csv", str(good), "--topic", "lambda", "--title", "L", "--into", str(tmp_path)
    )
    assert code == 1 and "leave out --title to add to it" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.csv", user_decks.name]


def test_an_import_that_breaks_the_deck_around_it_is_refused(tmp_path: Path) -> None:
    """A glossary term no note of the topic uses: the loader's own cross-file check."""
    glossary = write_csv(tmp_path / "g.csv", f"term,definition,source\nzebra,A horse.,{SOURCE}\n")
    problems = import_problems(str(glossary), "--topic", "lambda", "--into", str(tmp_path / "d"))
    assert len(problems) == 1 and problems[0].startswith(f"{glossary}:2:term: ")
    assert "zebra" in problems[0]
    with pytest.raises(CsvImportError):
        import_csv(glossary, "lambda", tmp_path / "d", [builtin_content_dir()])
    assert not (tmp_path / "d").exists()


# Any entry: through a CSV file and through the YAML an import writes ----------------------

_CHARACTERS = st.characters(
    blacklist_categories=("Cs", "Cc"), blacklist_characters=BIDI_CONTROLS
) | st.sampled_from("\n\t")
_LEADS = st.sampled_from(["", "=", "+", "-", "@", "'", "'=", "''-", "\t", "\n", " ", '"'])
TEXT = st.tuples(_LEADS, st.text(_CHARACTERS, max_size=30)).map("".join).filter(str.strip)
LINE = st.text(_CHARACTERS.filter(lambda c: c not in "\n\t"), min_size=1, max_size=20).filter(
    str.strip
)
#: A glossary alias: one line without a `;` (the cell's separator) or spaces at its ends.
ALIAS = LINE.map(str.strip).filter(lambda alias: ";" not in alias)
IDS = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,20}", fullmatch=True)
TAGS = st.lists(st.from_regex(r"[a-z0-9][a-z0-9-]{0,8}", fullmatch=True), max_size=3).map(tuple)
URL = st.from_regex(r"https://docs\.aws\.amazon\.com/[A-Za-z0-9/._~%-]{0,20}", fullmatch=True)
EXAM = st.lists(st.sampled_from(["dva-c02:1.2", "saa-c03:3.2", "dva-c02:4.1"]), max_size=2).map(
    tuple
)
EXAM_EXPECTS = st.none() | TEXT
RENAMED_FROM = st.lists(IDS, max_size=2, unique=True).map(tuple)
#: What every item ends with: tags, exam tasks, what the guide-era exam expects, old ids.
LABELS = st.tuples(TAGS, EXAM, EXAM_EXPECTS, RENAMED_FROM)
NUMBER = st.floats(min_value=0, max_value=1e12, allow_nan=False, allow_infinity=False)


@st.composite
def questions(draw: st.DrawFn) -> Question:
    count = draw(st.integers(2, 8))
    right = draw(st.sets(st.integers(0, count - 1), min_size=1, max_size=count - 1))
    choices = tuple(
        Choice(draw(TEXT), index in right, draw(TEXT), draw(st.booleans()))
        for index in range(count)
    )
    return Question(draw(IDS), draw(TEXT), len(right), choices, draw(URL), *draw(LABELS))


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    facts = Facts(
        need=draw(st.none() | st.sampled_from(["compute", "workflow"])),
        runtime_minutes=draw(st.none() | NUMBER),
        memory_gb=draw(st.none() | NUMBER),
        packaging=draw(st.none() | st.sampled_from(["function", "container"])),
        manage_servers=draw(st.none() | st.booleans()),
        api_management=draw(st.none() | st.booleans()),
    )
    options = draw(
        st.lists(st.sampled_from(sorted(SERVICE_NAMES)), min_size=2, max_size=8, unique=True)
    )
    answer = draw(st.sampled_from(options))
    return Scenario(
        draw(IDS), draw(TEXT), facts, tuple(options), answer, draw(TEXT), draw(URL), *draw(LABELS)
    )


ENTRIES = st.one_of(
    st.builds(Card, IDS, TEXT, TEXT, URL, TAGS, EXAM, EXAM_EXPECTS, RENAMED_FROM),
    questions(),
    scenarios(),
    st.builds(Note, IDS, TEXT, TEXT, st.lists(URL, min_size=1, max_size=3).map(tuple), TAGS),
    st.builds(
        GlossaryEntry, LINE, TEXT, URL, st.lists(ALIAS, max_size=2).map(tuple), st.none() | IDS
    ),
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entry=ENTRIES)
def test_any_entry_comes_back_from_its_csv_file_and_from_the_yaml_written(
    entry: Entry, tmp_path: Path
) -> None:
    kind = kind_of(entry)
    path = tmp_path / f"{kind}.csv"
    width = max(4, len(getattr(entry, "choices", ())))
    path.write_bytes(csv_text(columns(kind, width), [entry_row(entry, "t")]).encode("utf-8-sig"))
    table = read_table(path)
    assert len(table.rows) == 1
    assert entry_from_cells(kind, table.rows[0].cells) == (entry, [])
    parsed = parse_text("t.yaml", content_text(Topic("t", "T"), {kind: [entry]}))
    assert parsed.problems == []
    assert parsed_sections(parsed)[kind] == [entry]


def test_an_entry_a_csv_cannot_hold_exactly_stops_the_export_with_its_name(
    tmp_path: Path,
) -> None:
    alias = GlossaryEntry("term", "A definition.", SOURCE, ("one;two",))
    deck = Deck(topics={"t": Topic("t", "T")}, glossary={"t": (alias,)})
    with pytest.raises(
        ContentError,
        match=r"glossary entry 'term' of topic 't' cannot be "
        r"written to CSV exactly: its aliases would read back otherwise",
    ):
        export_csv(deck, tmp_path)
    assert list(tmp_path.iterdir()) == []
