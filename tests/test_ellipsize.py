"""`ellipsize`: a line cut to a width at a word boundary, measured as a terminal measures it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from studyapp.text import ELLIPSIS, ellipsize

#: Words of letters (some wide CJK), digits and the marks the app's titles use.
WORD = st.text(
    st.one_of(
        st.characters(categories=["Lu", "Ll", "Nd"], max_codepoint=0x2FF),
        st.sampled_from(list("·—,:()✓⚑漢字")),
    ),
    min_size=1,
    max_size=14,
)
LINE = st.lists(WORD, min_size=1, max_size=12).map(" ".join)
WIDTH = st.integers(min_value=1, max_value=60)


@given(LINE, WIDTH)
def test_the_result_fits_and_is_the_text_when_it_fits(text: str, width: int) -> None:
    result = ellipsize(text, width)
    # Rich measures the cells: a truth ellipsize's own measure did not make.
    assert cell_len(result) <= width
    if cell_len(text) <= width:
        assert result == text
    else:
        assert result.endswith(ELLIPSIS)


@given(LINE, WIDTH)
def test_a_cut_falls_at_a_space_unless_the_first_word_is_too_long(text: str, width: int) -> None:
    result = ellipsize(text, width)
    if result == text:
        return
    kept = result.removesuffix(ELLIPSIS)
    assert text.startswith(kept)
    first_word = text.split(" ")[0]
    if cell_len(first_word) > width - 1:
        assert " " not in kept  # the first word, cut
    else:
        rest = text[len(kept) :].lstrip("·—,:")
        assert rest.startswith(" "), (kept, rest)


def test_cuts_at_the_last_space_that_leaves_room_and_drops_a_dangling_separator() -> None:
    title = "Topic: AWS Lambda · 30 questions · 60 min · 720 to pass"
    assert ellipsize(title, 46) == "Topic: AWS Lambda · 30 questions · 60 min…"
    assert ellipsize(title, 37) == "Topic: AWS Lambda · 30 questions…"
    assert ellipsize(title, len(title)) == title
    assert ellipsize("Serverless", 6) == "Serve…"
    assert ellipsize("Serverless on AWS", 1) == ELLIPSIS
    assert ellipsize("漢字漢字 x", 4) == "漢…"
    assert ellipsize("anything", 0) == ""
