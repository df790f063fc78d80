"""Reusable widgets of the study screens."""

from studyapp.tui.widgets.bar_chart import DueForecastChart
from studyapp.tui.widgets.choice_list import ChoiceList
from studyapp.tui.widgets.heatmap import CalendarHeatmap
from studyapp.tui.widgets.rating_bar import RatingBar

__all__ = ["CalendarHeatmap", "ChoiceList", "DueForecastChart", "RatingBar"]
