"""Progress in one SQLite file: the review log (the truth), the state cache and settings."""

from studyapp.store.database import Store
from studyapp.store.leeches import LEECH_LAPSES
from studyapp.store.records import (
    AnswerTally,
    Bookmark,
    ExamAnswer,
    ExamOutcome,
    ExamRecord,
    ExamStatus,
    FlagRecord,
    ItemState,
    ReviewRecord,
    Settings,
    Suspension,
    TopicCounts,
    WrongAnswerTally,
)
from studyapp.store.schema import SCHEMA_VERSION

__all__ = [
    "LEECH_LAPSES",
    "SCHEMA_VERSION",
    "AnswerTally",
    "Bookmark",
    "ExamAnswer",
    "ExamOutcome",
    "ExamRecord",
    "ExamStatus",
    "FlagRecord",
    "ItemState",
    "ReviewRecord",
    "Settings",
    "Store",
    "Suspension",
    "TopicCounts",
    "WrongAnswerTally",
]
