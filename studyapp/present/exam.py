"""How a mock exam went, as both front ends show it: right, asked and share per topic."""

from __future__ import annotations

from collections.abc import Sequence

from studyapp.present.readiness import percent_text
from studyapp.present.table import Table
from studyapp.study.exam import TopicScore


def topic_scores_table(topics: Sequence[TopicScore]) -> Table:
    """Right, asked and the share right, one row per topic of the exam."""
    return Table(
        title="Topics",
        headers=("topic", "right", "asked", "share"),
        align=("left", "right", "right", "right"),
        rows=tuple(
            (
                topic.topic_id,
                str(topic.correct),
                str(topic.total),
                percent_text(topic.correct / topic.total if topic.total else 0.0),
            )
            for topic in topics
        ),
    )
