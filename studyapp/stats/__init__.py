"""Progress figures computed from the review log and the state cache; no UI here."""

from studyapp.stats.progress import (
    MASTERY_STABILITY_DAYS,
    TopicProgress,
    mastery_of,
    study_day_bounds,
    topic_progress,
)

__all__ = [
    "MASTERY_STABILITY_DAYS",
    "TopicProgress",
    "mastery_of",
    "study_day_bounds",
    "topic_progress",
]
