"""Reusable widgets of the study screens.

Each loads on first use, so a screen importing one widget does not pay for the others
(Home's start-up imports only `KeyFooter` and `TopicTable`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from studyapp.lazy import lazy_attributes

if TYPE_CHECKING:
    from studyapp.tui.widgets.bar_chart import DueForecastChart
    from studyapp.tui.widgets.choice_list import ChoiceList
    from studyapp.tui.widgets.heatmap import CalendarHeatmap
    from studyapp.tui.widgets.item_list import ItemList
    from studyapp.tui.widgets.key_footer import KeyFooter
    from studyapp.tui.widgets.notes_tree import NotesTree
    from studyapp.tui.widgets.rating_bar import RatingBar
    from studyapp.tui.widgets.topic_table import TopicTable

_LAZY = {
    "CalendarHeatmap": "studyapp.tui.widgets.heatmap",
    "ChoiceList": "studyapp.tui.widgets.choice_list",
    "DueForecastChart": "studyapp.tui.widgets.bar_chart",
    "ItemList": "studyapp.tui.widgets.item_list",
    "KeyFooter": "studyapp.tui.widgets.key_footer",
    "NotesTree": "studyapp.tui.widgets.notes_tree",
    "RatingBar": "studyapp.tui.widgets.rating_bar",
    "TopicTable": "studyapp.tui.widgets.topic_table",
}


__getattr__ = lazy_attributes(__name__, _LAZY)


__all__ = [
    "CalendarHeatmap",
    "ChoiceList",
    "DueForecastChart",
    "ItemList",
    "KeyFooter",
    "NotesTree",
    "RatingBar",
    "TopicTable",
]
