"""Progress in one SQLite file: the review log (the truth), the state cache and settings."""

from studyapp.store.database import Store
from studyapp.store.records import (
    ExamAnswer,
    ExamOutcome,
    ExamRecord,
    ExamStatus,
    FlagRecord,
    ItemState,
    ReviewRecord,
    ReviewTally,
    Settings,
)
from studyapp.store.schema import SCHEMA_VERSION

__all__ = [
    "SCHEMA_VERSION",
    "ExamAnswer",
    "ExamOutcome",
    "ExamRecord",
    "ExamStatus",
    "FlagRecord",
    "ItemState",
    "ReviewRecord",
    "ReviewTally",
    "Settings",
    "Store",
]
