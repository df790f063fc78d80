"""Reusable widgets of the study screens.

Each loads on first use, so a screen importing one widget does not pay for the others
(Home's start-up imports only `KeyFooter`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from studyapp.tui.widgets.bar_chart import DueForecastChart
    from studyapp.tui.widgets.choice_list import ChoiceList
    from studyapp.tui.widgets.heatmap import CalendarHeatmap
    from studyapp.tui.widgets.key_footer import KeyFooter
    from studyapp.tui.widgets.rating_bar import RatingBar

_LAZY = {
    "CalendarHeatmap": "studyapp.tui.widgets.heatmap",
    "ChoiceList": "studyapp.tui.widgets.choice_list",
    "DueForecastChart": "studyapp.tui.widgets.bar_chart",
    "KeyFooter": "studyapp.tui.widgets.key_footer",
    "RatingBar": "studyapp.tui.widgets.rating_bar",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'studyapp.tui.widgets' has no attribute {name!r}")


__all__ = ["CalendarHeatmap", "ChoiceList", "DueForecastChart", "KeyFooter", "RatingBar"]
