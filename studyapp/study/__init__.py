"""Session engines: UI-free state machines that front ends drive."""

from studyapp.study.context import KINDS_OF_MODE, DiscardedExam, ResumeOffer, StudyContext
from studyapp.study.exam import (
    PASSING_SCORE,
    SCALE_LABEL,
    ExamSession,
    PositionStatus,
    scaled_score,
)
from studyapp.study.exam_draw import ExamSpec
from studyapp.study.exam_result import DomainScore, ExamResult, ReviewedQuestion, TopicScore
from studyapp.study.options import (
    OPTION_LETTERS,
    ChoiceView,
    ShownOptions,
    choices_of,
    how_many_to_choose,
)
from studyapp.study.session import Answered, Selection, SessionSummary, StudySession

__all__ = [
    "KINDS_OF_MODE",
    "OPTION_LETTERS",
    "PASSING_SCORE",
    "SCALE_LABEL",
    "Answered",
    "ChoiceView",
    "DiscardedExam",
    "DomainScore",
    "ExamResult",
    "ExamSession",
    "ExamSpec",
    "PositionStatus",
    "ResumeOffer",
    "ReviewedQuestion",
    "Selection",
    "SessionSummary",
    "ShownOptions",
    "StudyContext",
    "StudySession",
    "TopicScore",
    "choices_of",
    "how_many_to_choose",
    "scaled_score",
]
