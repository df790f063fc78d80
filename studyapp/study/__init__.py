"""Session engines: UI-free state machines that front ends drive."""

from studyapp.study.context import KINDS_OF_MODE, StudyContext
from studyapp.study.session import (
    Answered,
    ChoiceView,
    SessionSummary,
    StudySession,
    choices_of,
    how_many_to_choose,
)

__all__ = [
    "KINDS_OF_MODE",
    "Answered",
    "ChoiceView",
    "SessionSummary",
    "StudyContext",
    "StudySession",
    "choices_of",
    "how_many_to_choose",
]
