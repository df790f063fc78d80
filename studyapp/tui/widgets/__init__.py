"""Reusable widgets of the study screens."""

from studyapp.tui.widgets.choice_list import ChoiceList
from studyapp.tui.widgets.rating_bar import RatingBar

__all__ = ["ChoiceList", "RatingBar"]
