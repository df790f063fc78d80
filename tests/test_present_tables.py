"""Tables as data: rows built once in `present`, rendered by each front end its own way."""

from __future__ import annotations

import pytest

from studyapp.lines.tables import text_lines
from studyapp.present.exam import topic_scores_table
from studyapp.present.table import Table
from studyapp.study.exam import TopicScore


def test_a_row_of_the_wrong_width_is_refused() -> None:
    with pytest.raises(ValueError, match="needs 2 cells"):
        Table("t", ("a", "b"), ("left", "right"), rows=(("1",),))


def test_line_mode_aligns_columns_two_spaces_apart() -> None:
    table = topic_scores_table([TopicScore("lambda", 3, 4), TopicScore("ecs", 0, 0)])
    assert text_lines(table) == [
        "topic   right  asked  share",
        "lambda      3      4    75%",
        "ecs         0      0     0%",
    ]
