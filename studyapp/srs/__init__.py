"""Spaced-repetition scheduling with FSRS, and building the day's queue."""

from studyapp.srs.queue import StudyQueue, build_queue
from studyapp.srs.scheduler import Rating, StudyScheduler, interval_label, rating_for_answer

__all__ = [
    "Rating",
    "StudyQueue",
    "StudyScheduler",
    "build_queue",
    "interval_label",
    "rating_for_answer",
]
