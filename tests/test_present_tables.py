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
    table = topic_scores_table(
        [TopicScore("lambda", "AWS Lambda", 3, 4), TopicScore("ecs", "Amazon ECS", 0, 0)]
    )
    assert text_lines(table) == [
        "topic       right  asked  share",
        "AWS Lambda      3      4    75%",
        "Amazon ECS      0      0     0%",
    ]


def test_an_exams_topics_are_named_by_title_cut_at_a_word_to_fit() -> None:
    long_title = "Amazon API Gateway REST and HTTP APIs with custom authorizers and quotas"
    table = topic_scores_table([TopicScore("api-gateway", long_title, 1, 2)])
    lines = text_lines(table)
    assert lines[1].startswith("Amazon API Gateway REST and HTTP APIs…"), lines
    assert max(len(line) for line in lines) <= 80
